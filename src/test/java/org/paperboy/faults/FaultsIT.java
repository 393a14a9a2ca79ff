package org.paperboy.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.testing.Databases;

/**
 * The delivery guarantee, tried by breaking things (issue 10): kill -9 at random moments, SIGTERM,
 * a 451 storm, an SMTP server down for a day, a second sender mid-run; on SQLite and PostgreSQL,
 * with {@code target/paperboy.jar} run as subprocesses and a recording SMTP server. The short form
 * runs in {@code mvn -B verify}; {@code bash bench/faults.sh} runs the long one
 * ({@code -Dfaults.kills=50}) and prints the figures each test appends to {@code target/faults/figures.md}.
 */
class FaultsIT {

    static final int READERS = Integer.getInteger("faults.readers", 2000);
    static final int KILLS = Integer.getInteger("faults.kills", 6);
    /** Yesterday, so no run crosses midnight into expiring it; within delivery.maxAgeDays either way. */
    static final LocalDate DATE = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @TempDir
    static Path dir;

    private static final Map<String, FaultDb> TEMPLATES = new ConcurrentHashMap<>();

    @BeforeAll
    static void newFigures() throws java.io.IOException {
        java.nio.file.Files.deleteIfExists(Figures.file());
    }

    private static FaultDb template(String kind) {
        return TEMPLATES.computeIfAbsent(kind, k -> FaultDb.template(k, dir.resolve("template-" + k), READERS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void killNineAtRandomMomentsLosesNobodyAndCorruptsNothing(String kind) throws Exception {
        KillTrials trials = new KillTrials(template(kind), READERS, Long.getLong("faults.seed", System.nanoTime()));
        List<KillTrials.Result> results = new ArrayList<>();
        for (int i = 0; results.stream().filter(KillTrials.Result::killed).count() < KILLS && i < 2 * KILLS; i++) {
            results.add(trials.run(dir.resolve(kind + "-kill-" + i), i, DATE));
        }
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(results.stream().filter(KillTrials.Result::killed).count()).as("trials killed mid-send").isEqualTo(KILLS);
        for (KillTrials.Result r : results) {
            String trial = r.phase() + " kill after " + r.acceptedAtKill() + " accepted";
            if (r.tool() != null) {
                soft.assertThat(r.tool().ok()).as("%s: integrity check by the database's own tool: %s", trial, r.tool().output())
                        .isTrue();
            }
            soft.assertThat(r.restartExit()).as("%s: the restarted send succeeds: %s", trial, r.log()).isZero();
            soft.assertThat(r.states()).as("%s: outbox states after the restart", trial).isEqualTo(Map.of("sent", READERS));
            soft.assertThat(r.tally().lost()).as("%s: readers who got nothing", trial).isZero();
            soft.assertThat(r.tally().duplicates()).as("%s: duplicates, bounded by the connections", trial)
                    .isLessThanOrEqualTo(Trial.CONNECTIONS);
            soft.assertThat(r.tally().mixedIds()).as("%s: readers whose copies differ in Message-ID", trial).isZero();
        }
        Figures.row(kind, "kill -9 of a " + READERS + "-reader send, then a restart", results.size(), KillTrials.figures(results),
                soft.errorsCollected().isEmpty());
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void sigtermFinishesWhatIsInFlightAndDuplicatesNobody(String kind) throws Exception {
        try (Trial trial = new Trial(dir.resolve(kind + "-sigterm"), template(kind), READERS, true, "")) {
            // the answers wait at a third of the readers until the SIGTERM is sent: the send cannot have ended before
            java.util.concurrent.atomic.AtomicBoolean signalled = new java.util.concurrent.atomic.AtomicBoolean();
            trial.smtp.gate(new RecordingSmtpServer.Gate(READERS / 3, signalled::get, 60_000));
            Process p = trial.send(DATE);
            boolean midSend = Trial.await(() -> trial.smtp.acceptedCount() >= READERS / 3, p) && p.isAlive();
            p.destroy();   // SIGTERM
            signalled.set(true);
            Trial.Finished stopped = trial.finish(p);
            int acceptedAtStop = trial.smtp.acceptedCount();
            Map<String, Integer> afterStop = trial.db.states(DATE);
            Trial.Finished followUp = trial.run(DATE);
            Trial.Tally tally = trial.tally();
            boolean ok = midSend && (stopped.exit() == 0 || stopped.exit() == 3) && !afterStop.containsKey("sending")
                    && followUp.exit() == 0 && tally.lost() == 0 && tally.duplicates() == 0;
            Figures.row(kind, "SIGTERM after " + READERS / 3 + " accepted, then a follow-up send", 1,
                    "exit %d, %d accepted by the stop, rows left sending %d; after the follow-up: %d lost, %d duplicates"
                            .formatted(stopped.exit(), acceptedAtStop, afterStop.getOrDefault("sending", 0), tally.lost(),
                                    tally.duplicates()), ok);
            assertThat(midSend).as("SIGTERM arrives mid-send").isTrue();
            assertThat(stopped.exit()).as("exit code after SIGTERM: %s", stopped.log()).isIn(0, 3);
            assertThat(afterStop).as("no row left sending").doesNotContainKey("sending");
            assertThat(followUp.exit()).as(followUp.log()).isZero();
            assertThat(tally.lost()).as("lost").isZero();
            assertThat(tally.duplicates()).as("duplicates").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void a451StormDeliversEveryoneAndFailsNobody(String kind) throws Exception {
        try (Trial trial = new Trial(dir.resolve(kind + "-451"), template(kind), READERS, true, "")) {
            trial.smtp.answer(n -> n % 3 == 0 ? "451 4.3.0 try again later" : "250 queued");
            List<Integer> exits = new ArrayList<>();
            int failedSeen = 0;
            Trial.Finished run;
            do {
                run = trial.run(DATE);
                exits.add(run.exit());
                failedSeen = Math.max(failedSeen, trial.db.count("failed"));
            } while (run.exit() != 0 && exits.size() < 5);
            Trial.Tally tally = trial.tally();
            boolean ok = run.exit() == 0 && failedSeen == 0 && tally.lost() == 0 && tally.duplicates() == 0;
            Figures.row(kind, "451 for every third message", 1, "runs %s (exit codes); %d lost, %d failed, %d duplicates"
                    .formatted(exits, tally.lost(), failedSeen, tally.duplicates()), ok);
            assertThat(failedSeen).as("rows failed at any point").isZero();
            assertThat(run.exit()).as(run.log()).isZero();
            assertThat(tally.lost()).isZero();
            assertThat(tally.duplicates()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aDayWithTheServerDownIsSentTheNextDay(String kind) throws Exception {
        LocalDate day = DATE.minusDays(1);
        try (Trial trial = new Trial(dir.resolve(kind + "-down"), template(kind), READERS, false, "")) {
            Trial.Finished down = trial.run(day);
            Map<String, Integer> afterDown = trial.db.states(day);
            trial.serverUp();
            Trial.Finished next = trial.run(DATE);
            Map<String, List<String>> byReader = trial.smtp.accepted().stream().collect(Collectors.groupingBy(
                    RecordingSmtpServer.Accepted::recipient, Collectors.mapping(RecordingSmtpServer.Accepted::messageId,
                            Collectors.toList())));
            long bothDays = byReader.values().stream().filter(ids -> ids.size() == 2 && ids.get(0) != null
                    && !ids.get(0).equals(ids.get(1))).count();
            int failed = trial.db.count("failed");
            boolean ok = down.exit() == 3 && afterDown.equals(Map.of("pending", READERS)) && next.exit() == 0
                    && bothDays == READERS && failed == 0;
            Figures.row(kind, "SMTP server down for a day, up the next", 1,
                    "day 1: exit %d, %s; day 2: exit %d, %d of %d readers got both days once, %d failed"
                            .formatted(down.exit(), afterDown, next.exit(), bothDays, READERS, failed), ok);
            assertThat(down.exit()).as(down.log()).isEqualTo(3);
            assertThat(afterDown).isEqualTo(Map.of("pending", READERS));
            assertThat(next.exit()).as(next.log()).isZero();
            assertThat(bothDays).as("readers who got each day's digest exactly once").isEqualTo(READERS);
            assertThat(failed).isZero();
            assertThat(trial.db.states(day)).isEqualTo(Map.of("sent", READERS));
            assertThat(trial.db.states(DATE)).isEqualTo(Map.of("sent", READERS));
        }
    }

    @ParameterizedTest(name = "{0}, clustered {1}")
    @CsvSource({"sqlite, false", "postgres, false", "postgres, true"})
    void aSecondSenderMidRunDuplicatesNobodyAndBothCountTruly(String kind, boolean clustered) throws Exception {
        try (Trial trial = new Trial(dir.resolve(kind + "-second-" + clustered), template(kind), READERS, true,
                "schedule:\n  clustered: " + clustered + "\n")) {
            // the first sender's answers wait at a quarter of the readers until the second sender has connected
            trial.smtp.gate(new RecordingSmtpServer.Gate(READERS / 4, () -> trial.smtp.connections() > Trial.CONNECTIONS, 20_000));
            Process first = trial.send(DATE);
            boolean midRun = Trial.await(() -> trial.smtp.acceptedCount() >= READERS / 4, first) && first.isAlive();
            Process second = trial.send(DATE);
            Trial.Finished a = trial.finish(first);
            Trial.Finished b = trial.finish(second);
            Trial.Tally tally = trial.tally();
            Trial.Summary sa = a.of(DATE);
            Trial.Summary sb = b.of(DATE);
            boolean ok = midRun && a.exit() == 0 && b.exit() == 0 && tally.lost() == 0 && tally.duplicates() == 0
                    && sa.sent() + sb.sent() == READERS && sa.deferred() == 0 && sb.deferred() == 0;
            Figures.row(kind, "second send started mid-run, clustered " + clustered, 1,
                    "first: exit %d, sent %d, deferred %d; second: exit %d, sent %d, deferred %d; %d lost, %d duplicates"
                            .formatted(a.exit(), sa.sent(), sa.deferred(), b.exit(), sb.sent(), sb.deferred(), tally.lost(),
                                    tally.duplicates()), ok);
            assertThat(midRun).as("the second sender starts while the first sends").isTrue();
            assertThat(a.exit()).as(a.log()).isZero();
            assertThat(b.exit()).as(b.log()).isZero();
            assertThat(tally.duplicates()).as("duplicates").isZero();
            assertThat(tally.lost()).as("lost").isZero();
            assertThat(sa.sent() + sb.sent()).as("sent counts of the two add up to the readers").isEqualTo(READERS);
            assertThat(sa.deferred()).as("first reports deferred").isZero();
            assertThat(sb.deferred()).as("second reports deferred").isZero();
        }
    }
}
