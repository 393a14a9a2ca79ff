package org.paperboy.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * kill -9 at random moments of a send, each followed by a restart that must complete it; every
 * other trial opens the database with its own command-line tool between the kill and the restart.
 * The moment is chosen by what has happened, never by a clock: while planning (the first outbox
 * rows are committed, nothing sent yet), while sending (after a random number of accepted
 * messages) and while recording the last outcomes (the last few messages accepted).
 */
final class KillTrials {

    enum Phase { PLANNING, SENDING, RECORDING }

    /** One kill and its restart. */
    record Result(Phase phase, int acceptedAtKill, boolean killed, FaultDb.ToolCheck tool, int restartExit,
                  Map<String, Integer> states, Trial.Tally tally, String log) {

        boolean corrupted() {
            return (tool != null && !tool.ok()) || restartExit != 0;
        }
    }

    private final FaultDb template;
    private final int readers;
    private final Random random;

    KillTrials(FaultDb template, int readers, long seed) {
        this.template = template;
        this.readers = readers;
        this.random = new Random(seed);
    }

    Result run(Path dir, int index, LocalDate date) throws Exception {
        Phase phase = Phase.values()[index % 3];
        boolean tool = index / 3 % 2 == 1;   // over each six trials: every phase once without the tool, once with it
        try (Trial trial = new Trial(dir, template, readers, true, "")) {
            Process p = trial.send(date);
            int target = switch (phase) {
                case PLANNING -> 0;
                case SENDING -> 1 + random.nextInt(readers - 1);
                case RECORDING -> readers - random.nextInt(2 * Trial.CONNECTIONS + 1);
            };
            boolean reached = phase == Phase.PLANNING ? awaitPlanning(trial, p)
                    : Trial.await(() -> trial.smtp.acceptedCount() >= target, p);
            boolean killed = reached && p.isAlive();
            p.destroyForcibly();   // SIGKILL: nothing of Paperboy runs after it
            p.waitFor();
            int acceptedAtKill = trial.smtp.acceptedCount();
            FaultDb.ToolCheck check = tool ? trial.db.toolCheck() : null;
            Trial.Finished restart = trial.run(date);
            return new Result(phase, acceptedAtKill, killed, check, restart.exit(), trial.db.states(date), trial.tally(),
                    restart.log());
        }
    }

    /** Waits until the first outbox rows are committed, while nothing has been sent yet. */
    private static boolean awaitPlanning(Trial trial, Process p) throws Exception {
        try (Connection c = trial.db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery")) {
            return Trial.await(() -> trial.smtp.acceptedCount() > 0 || count(ps) > 0, p);
        }
    }

    private static int count(PreparedStatement ps) {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0;   // busy: look again
        }
    }

    /** The figures of a series of trials, as one table row. */
    static String figures(List<Result> results) {
        List<Result> killed = new ArrayList<>(results.stream().filter(Result::killed).toList());
        long corrupted = results.stream().filter(Result::corrupted).count();
        int lost = results.stream().mapToInt(r -> r.tally().lost()).sum();
        int maxDup = results.stream().mapToInt(r -> r.tally().duplicates()).max().orElse(0);
        int sumDup = results.stream().mapToInt(r -> r.tally().duplicates()).sum();
        int mixed = results.stream().mapToInt(r -> r.tally().mixedIds()).sum();
        long tools = results.stream().filter(r -> r.tool() != null).count();
        String phases = java.util.Arrays.stream(Phase.values()).map(ph -> ph.name().toLowerCase() + " "
                + killed.stream().filter(r -> r.phase() == ph).count()).reduce((a, b) -> a + ", " + b).orElse("");
        return "kill -9 (%s; %d with the database's own tool between kill and restart): %d corrupted, %d lost,"
                .formatted(phases, tools, corrupted, lost)
                + " duplicates %d in all, at most %d per crash (bound: %d connections), %d readers with differing Message-IDs"
                .formatted(sumDup, maxDup, Trial.CONNECTIONS, mixed);
    }
}
