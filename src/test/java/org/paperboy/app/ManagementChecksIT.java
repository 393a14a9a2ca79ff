package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.testing.TestSetup;
import org.paperboy.web.HealthCheck;

/** The daemon's health checks against a real database and a real Quartz scheduler. */
class ManagementChecksIT {

    @TempDir
    Path dir;

    @Test
    void theDaemonReportsItsDatabaseSchedulerAndLastRun() throws Exception {
        try (Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, null, null)); DailySchedule schedule = paperboy.schedule()) {
            schedule.start();
            assertThat(states(paperboy, schedule)).containsExactly(Map.entry("database", HealthCheck.State.UP),
                    Map.entry("scheduler", HealthCheck.State.UP), Map.entry("lastRun", HealthCheck.State.UP));

            recordRun(paperboy, "incomplete", "deferred 3");
            assertThat(states(paperboy, schedule)).containsEntry("lastRun", HealthCheck.State.DEGRADED);
            recordRun(paperboy, "failed", "smtp.example.org:587: connection refused");
            assertThat(states(paperboy, schedule)).containsEntry("lastRun", HealthCheck.State.DOWN);
            assertThat(Management.checks(paperboy, schedule).get(2).check().detail()).endsWith("connection refused");

            schedule.close();
            assertThat(states(paperboy, schedule)).containsEntry("scheduler", HealthCheck.State.DOWN);
        }
    }

    @Test
    void serveReportsOnlyItsDatabase() {
        try (Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, null, null))) {
            assertThat(Management.checks(paperboy, null)).extracting(HealthCheck::name).containsExactly("database");
        }
    }

    private static Map<String, HealthCheck.State> states(Paperboy paperboy, DailySchedule schedule) {
        Map<String, HealthCheck.State> states = new LinkedHashMap<>();
        Management.checks(paperboy, schedule).forEach(c -> states.put(c.name(), c.check().state()));
        return states;
    }

    private int runs;

    private void recordRun(Paperboy paperboy, String outcome, String summary) throws Exception {
        Instant started = Instant.parse("2026-11-20T08:00:00Z").plusSeconds(++runs * 60L);
        try (Connection c = paperboy.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO job_run (digest_date, fire_time, node, started_at, finished_at,"
                     + " outcome, summary) VALUES (?, ?, 'node-a', ?, ?, ?, ?)")) {
            ps.setDate(1, Date.valueOf(LocalDate.of(2026, 11, 20)));
            ps.setTimestamp(2, Timestamp.from(started));
            ps.setTimestamp(3, Timestamp.from(started));
            ps.setTimestamp(4, Timestamp.from(started.plusSeconds(30)));
            ps.setString(5, outcome);
            ps.setString(6, summary);
            ps.executeUpdate();
        }
    }
}
