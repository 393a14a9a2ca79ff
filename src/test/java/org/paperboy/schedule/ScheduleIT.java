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
import org.paperboy.delivery.DeliveryRun;
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
        // the digest date is the fire time's day in the schedule's zone: one where it is about noon now,
        // so that no run of this test crosses midnight into a second date
        String zone = ZoneOffset.ofHours(12 - ZonedDateTime.now(ZoneOffset.UTC).getHour()).getId();
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             Paperboy paperboy = wire(smtp.port(), TestSetup.schedule("{cron: \"*/2 * * * * ?\", timezone: \"" + zone + "\", clustered: false}"))) {
            try (DailySchedule schedule = paperboy.schedule()) {
                schedule.start();
                // runs never overlap and each loads and ranks the papers: how soon three are done depends on the machine
                waitFor(() -> new JobRuns(paperboy.database().dataSource()).count() >= 3, 120_000);
            }
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(new JobRuns(paperboy.database().dataSource()).last().orElseThrow().outcome()).isEqualTo("ok");
        }
    }

    @Test
    void aSchedulerStartedAfterAMissedFireRunsItExactlyOnce() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(); Paperboy paperboy = wire(smtp.port(), ScheduleConfig.DEFAULTS)) {
            JobRuns runs = new JobRuns(paperboy.database().dataSource());
            // chosen once the database is set up, so that only starting and stopping the first scheduler comes before it
            ZonedDateTime fire = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10).withNano(0);
            String cron = String.format("%d %d %d %d %d ? %d", fire.getSecond(), fire.getMinute(), fire.getHour(), fire.getDayOfMonth(),
                    fire.getMonthValue(), fire.getYear());
            ScheduleConfig once = TestSetup.schedule("{cron: \"" + cron + "\", timezone: UTC, clustered: false, misfireThresholdSeconds: 1}");
            try (DailySchedule first = schedule(paperboy, once)) {
                first.start();
            }
            // down at the fire time and past the misfire threshold (1 s): the clock has to pass, nothing to wait for
            Thread.sleep(Math.max(0, fire.toInstant().toEpochMilli() - System.currentTimeMillis()) + 3000);
            assertThat(runs.count()).as("down at the fire time").isZero();
            try (DailySchedule second = schedule(paperboy, once)) {
                second.start();
                // the missed fire has run to its end and the trigger is spent: no fire is left that could run it again
                waitFor(() -> runs.last().map(r -> r.finishedAt() != null).orElse(false) && second.storedNextFireTime() == null,
                        120_000);
            }
            assertThat(runs.count()).isEqualTo(1);
            assertThat(smtp.received()).hasSize(READERS.size());
        }
    }

    /** The scheduler on the test's database with this schedule (the wired config's is the default). */
    private static DailySchedule schedule(Paperboy paperboy, ScheduleConfig config) {
        return DailySchedule.open(config, paperboy.database().dataSource(), false, paperboy.dailyJob(), DeliveryRun.localNode());
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
