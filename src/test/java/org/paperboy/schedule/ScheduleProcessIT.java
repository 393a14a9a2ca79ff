package org.paperboy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/** The daemon as a process: SIGTERM in the middle of a send leaves a consistent outbox the next run completes. */
class ScheduleProcessIT {

    static final int READERS = 40;

    @TempDir
    Path dir;

    @Test
    void sigtermDuringASendLeavesAConsistentOutboxThatTheNextRunCompletes() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.pauseAfterEachMessage(100);
            String db = TestSetup.sqliteUrl(dir);
            try (Paperboy setup = Paperboy.wire(TestSetup.config(dir, smtp.port(), db))) {
                for (int i = 0; i < READERS; i++) {
                    setup.subscriptions().subscribe("reader" + i + "@example.org", Preferences.NONE, Frequency.DAILY,
                            new Consent("cli", null, null, "v1", Instant.now()), true, Runnable::run);
                }
            }
            Path config = PaperboyProcess.config(dir, "run.yaml", smtp.port(), db, """
                    delivery:
                      claimBatch: 5
                    schedule:
                      cron: "*/2 * * * * ?"
                    web:
                      enabled: false
                    """);
            Path log = dir.resolve("run.log");
            // from the 6th message on the server's answers wait until the daemon is stopping: it cannot have
            // sent everyone by the time the SIGTERM reaches the send, however slowly that happens
            smtp.holdAnswersFrom(6);
            Process daemon = PaperboyProcess.start(log, "run", "--config", config.toString());
            long deadline = System.currentTimeMillis() + 120_000;
            while (smtp.received().size() < 6 && System.currentTimeMillis() < deadline && daemon.isAlive()) {
                Thread.sleep(20);
            }
            daemon.destroy();   // SIGTERM
            deadline = System.currentTimeMillis() + 60_000;
            while (!PaperboyProcess.log(log).contains("stopping: messages in flight finish") && daemon.isAlive()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            smtp.release();
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as(PaperboyProcess.log(log)).isTrue();
            int stoppedAt = smtp.received().size();
            assertThat(stoppedAt).as("stopped in the middle").isBetween(6, READERS - 1);
            LocalDate date;
            try (Paperboy check = Paperboy.wire(TestSetup.config(dir, smtp.port(), db))) {
                // the date the daemon's fire stood for, not today's as the test reads it: the two differ across midnight
                date = onlyDate(check);
                assertThat(states(check, date)).as("nothing is left half-sent").doesNotContainKey("sending")
                        .containsEntry("sent", stoppedAt);
            }
            Process next = PaperboyProcess.start(dir.resolve("send.log"), "send", "--date", date.toString(), "--config", config.toString());
            assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(next.exitValue()).as(PaperboyProcess.log(dir.resolve("send.log"))).isZero();
            assertThat(smtp.received()).hasSize(READERS);
            assertThat(smtp.received().stream().map(ScriptedSmtpServer.Received::recipient).distinct()).hasSize(READERS);
        }
    }

    /** The one date the outbox holds messages for. */
    static LocalDate onlyDate(Paperboy paperboy) throws Exception {
        try (var c = paperboy.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT DISTINCT digest_date FROM delivery");
             ResultSet rs = ps.executeQuery()) {
            List<LocalDate> dates = new java.util.ArrayList<>();
            while (rs.next()) {
                dates.add(rs.getObject(1, LocalDate.class));
            }
            assertThat(dates).as("dates in the outbox").hasSize(1);
            return dates.get(0);
        }
    }

    static Map<String, Integer> states(Paperboy paperboy, LocalDate date) throws Exception {
        try (var c = paperboy.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT state, COUNT(*) FROM delivery WHERE digest_date = ? GROUP BY state")) {
            ps.setObject(1, date);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Integer> counts = new java.util.HashMap<>();
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
                return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            }
        }
    }
}
