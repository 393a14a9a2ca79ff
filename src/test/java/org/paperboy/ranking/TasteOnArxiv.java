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
            }
        }
    }
}
