package org.paperboy.ranking;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of issue 22 for one representation: both simulated readers on the tuning window
 * (votes on days 1-4, measured on day 5), the held-out window (votes on days 1-5, measured on days
 * 6-7) and a rotated one (votes on days 3-7, measured on days 1-2). Used by {@code TasteOnArxivTest}
 * and {@code bench/TasteBench.java}.
 */
public final class TasteOnArxiv {

    public static final TasteSimulation.Reader ROBOTICS = new TasteSimulation.Reader("cs.RO", Preferences.NONE, 3);
    public static final TasteSimulation.Reader SECURITY =
            new TasteSimulation.Reader("cs.CR", Preferences.of(List.of("privacy"), List.of()), 3);

    private TasteOnArxiv() {
    }

    public static TasteSimulation.Shares tuning(TasteSimulation sim, TasteSimulation.Reader reader) {
        List<LocalDate> days = sim.days();
        return sim.run(reader, days.subList(0, 4), days.subList(4, 5));
    }

    public static TasteSimulation.Shares heldOut(TasteSimulation sim, TasteSimulation.Reader reader) {
        List<LocalDate> days = sim.days();
        return sim.run(reader, days.subList(0, 5), days.subList(5, 7));
    }

    public static TasteSimulation.Shares rotated(TasteSimulation sim, TasteSimulation.Reader reader) {
        List<LocalDate> days = sim.days();
        return sim.run(reader, days.subList(2, 7), days.subList(0, 2));
    }

    /**
     * Every window of the seven days: votes on five days in a row (after the last day comes the
     * first), measured on the two after. Only the first is wholly held out (the constants were
     * chosen on days 1-5); the others show how much a figure owes to the days it was measured on.
     */
    public static List<TasteSimulation.Shares> windows(TasteSimulation sim, TasteSimulation.Reader reader) {
        List<LocalDate> days = sim.days();
        List<TasteSimulation.Shares> shares = new java.util.ArrayList<>();
        for (int start = 0; start < days.size(); start++) {
            List<LocalDate> cycle = new java.util.ArrayList<>(days.subList(start, days.size()));
            cycle.addAll(days.subList(0, start));
            shares.add(sim.run(reader, cycle.subList(0, 5), cycle.subList(5, 7)));
        }
        return shares;
    }

    /** Sets the ranker's taste constants, for tuning runs only. */
    public static void tune(double gain, double threshold, double sinkThreshold, double hiddenShare, double topicGain, boolean topicRise) {
        TasteScores.GAIN = gain;
        TasteScores.THRESHOLD = threshold;
        TasteScores.SINK_THRESHOLD = sinkThreshold;
        TasteScores.HIDDEN_SHARE = hiddenShare;
        TasteScores.TOPIC_GAIN = topicGain;
        TasteScores.TOPIC_RISE = topicRise;
    }

    /** Sets how many times the lead a reader who liked papers gets, for tuning runs only. */
    public static void likedLead(int factor) {
        DigestAssembler.LIKED_LEAD_FACTOR = factor;
    }

    /** Prints the reader's digest of day 5 after votes on days 1-4, with each paper's category: for tuning. */
    public static void show(TasteSimulation sim, TasteSimulation.Reader reader, PrintStream out) {
        List<LocalDate> days = sim.days();
        Taste taste = sim.taste(reader, days.subList(0, 4));
        Digest digest = sim.ranker(days.get(4)).rank(reader.preferences(), taste, java.util.Set.of());
        for (Section section : digest.sections()) {
            out.println("## " + section.name());
            for (RankedPaper p : section.papers()) {
                String title = p.paper().title();
                out.printf("  %-8s %7.3f %-60s | %s%n", sim.category(p.paper()), p.score(), title.substring(0, Math.min(60, title.length())),
                        String.join(" · ", p.reasons()));
            }
        }
    }

    public static void report(TasteSimulation sim, PrintStream out, boolean heldOut) {
        for (TasteSimulation.Reader reader : List.of(ROBOTICS, SECURITY)) {
            String who = reader.category() + (reader.preferences().isEmpty() ? ", no topics" : ", topics " + reader.preferences().topics());
            out.println(who + " tuning (votes days 1-4, measured day 5): " + tuning(sim, reader));
            if (heldOut) {
                out.println(who + " held out (votes days 1-5, measured days 6-7): " + heldOut(sim, reader));
                out.println(who + " rotated (votes days 3-7, measured days 1-2): " + rotated(sim, reader));
                List<TasteSimulation.Shares> windows = windows(sim, reader);
                out.printf("%s, all %d windows (votes on 5 days in a row, measured on the 2 after): voter %.2f, non-voter %.2f; by window %s%n", who,
                        windows.size(), windows.stream().mapToDouble(TasteSimulation.Shares::voter).average().orElse(0),
                        windows.stream().mapToDouble(TasteSimulation.Shares::nonVoter).average().orElse(0),
                        windows.stream().map(w -> String.format("%.2f/%.2f", w.voter(), w.nonVoter())).toList());
            }
        }
    }
}
