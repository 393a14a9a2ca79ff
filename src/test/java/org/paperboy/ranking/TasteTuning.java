package org.paperboy.ranking;

/** Tuning runs on days 1-5 only: {@code TasteTuning dims gains thresholds sinkThreshold hiddenShare topicGains}. */
public final class TasteTuning {
    public static void main(String[] args) {
        TasteSimulation sim = new TasteSimulation(TasteSimulation.SHARED, PaperVectors.tfidf(Integer.parseInt(args[0])));
        for (String g : args[1].split(",")) {
            for (String th : args[2].split(",")) {
                for (String tg : args[5].split(",")) {
                    TasteOnArxiv.tune(Double.parseDouble(g), Double.parseDouble(th), Double.parseDouble(args[3]),
                            Double.parseDouble(args[4]), Double.parseDouble(tg), Boolean.getBoolean("rise"));
                    System.out.println("gain " + g + " threshold " + th + " topic gain " + tg);
                    TasteOnArxiv.report(sim, System.out, false);
                }
            }
        }
    }
}
