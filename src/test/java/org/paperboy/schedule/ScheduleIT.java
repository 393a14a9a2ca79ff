package org.paperboy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.DigestConfig;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/** The daily job on a real Quartz JDBC job store in SQLite, firing for real. */
class ScheduleIT {

    static final List<String> READERS = List.of("alice@example.org", "bob@example.org", "carol@example.org");

    @TempDir
    Path dir;

    private Paperboy wire(int smtpPort, ScheduleConfig schedule) {
        Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, smtpPort, null, DigestConfig.DEFAULTS, schedule));
        for (String reader : READERS) {
            paperboy.subscriptions().subscribe(reader, Preferences.NONE, Frequency.DAILY,
                    new Consent("cli", null, null, "v1", Instant.now()), true, Runnable::run);
        }
        return paperboy;
    }

    @Test
    void aCronFiringEveryTwoSecondsSendsOneDigestPerDate() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             Paperboy paperboy = wire(smtp.port(), new ScheduleConfig("*/2 * * * * ?", "UTC", false, null, null))) {
            try (DailySchedule schedule = paperboy.schedule()) {
                schedule.start();
                waitFor(() -> new JobRuns(paperboy.database().dataSource()).count() >= 3, 20_000);
            }
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(new JobRuns(paperboy.database().dataSource()).last().orElseThrow().outcome()).isEqualTo("ok");
        }
    }

    @Test
    void aSchedulerStartedAfterAMissedFireRunsItExactlyOnce() throws Exception {
        ZonedDateTime fire = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(4).withNano(0);
        String once = String.format("%d %d %d %d %d ? %d", fire.getSecond(), fire.getMinute(), fire.getHour(), fire.getDayOfMonth(),
                fire.getMonthValue(), fire.getYear());
        ScheduleConfig config = new ScheduleConfig(once, "UTC", false, 1, null);
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(); Paperboy paperboy = wire(smtp.port(), config)) {
            try (DailySchedule first = paperboy.schedule()) {
                first.start();
            }
            Thread.sleep(Math.max(0, fire.toInstant().toEpochMilli() - System.currentTimeMillis()) + 3000);
            assertThat(new JobRuns(paperboy.database().dataSource()).count()).as("down at the fire time").isZero();
            try (DailySchedule second = paperboy.schedule()) {
                second.start();
                waitFor(() -> new JobRuns(paperboy.database().dataSource()).count() >= 1, 15_000);
                Thread.sleep(3000);
            }
            assertThat(new JobRuns(paperboy.database().dataSource()).count()).isEqualTo(1);
            assertThat(smtp.received()).hasSize(READERS.size());
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + millis + " ms");
            }
            Thread.sleep(100);
        }
    }
}
