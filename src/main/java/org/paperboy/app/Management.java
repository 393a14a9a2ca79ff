package org.paperboy.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.schedule.JobRuns;
import org.paperboy.schedule.ScheduleConfig;
import org.paperboy.web.HealthCheck;
import org.paperboy.web.ManagementServer;
import org.paperboy.web.Metrics;

/** Wires {@code /healthz} and {@code /metrics} for {@code serve} and {@code run}, when {@code web.managementPort} is set. */
final class Management {

    private Management() {
    }

    /** @param schedule the daemon's scheduler, or null in {@code serve} */
    static ManagementServer start(Paperboy paperboy, Metrics metrics, DailySchedule schedule) {
        if (paperboy.config().web().managementEnabled()) {
            OperatorMetrics.register(paperboy, metrics.registry());
            if (schedule != null) {
                JobRuns runs = new JobRuns(paperboy.database().dataSource());
                Instant up = paperboy.clock().instant();
                ScheduleConfig config = paperboy.config().schedule();
                io.micrometer.core.instrument.Gauge.builder("paperboy.daily.job.overdue", metrics.registry(), r -> {
                    Instant now = paperboy.clock().instant();
                    return overdue(previousFire(config, now), up, now, runs.lastCompleted()) == null ? 0 : 1;
                }).description("1 when the schedule fired more than " + OVERDUE_AFTER.toHours() + " h ago (while this daemon was up)"
                        + " and no daily run has got to its end since, else 0").register(metrics.registry());
            }
        }
        return ManagementServer.startIfEnabled(paperboy.config().web(), checks(paperboy, schedule), metrics, List.of());
    }

    /**
     * How long after a scheduled fire time a run may still be under way before {@code /healthz}
     * calls the daily job overdue.
     */
    static final Duration OVERDUE_AFTER = Duration.ofHours(2);

    static List<HealthCheck> checks(Paperboy paperboy, DailySchedule schedule) {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(HealthCheck.database(paperboy.database().dataSource()));
        if (schedule != null) {
            checks.add(HealthCheck.of("scheduler", () -> scheduler(schedule)));
            JobRuns runs = new JobRuns(paperboy.database().dataSource());
            Instant up = paperboy.clock().instant();
            ScheduleConfig config = paperboy.config().schedule();
            checks.add(HealthCheck.of("lastRun", () -> {
                Instant now = paperboy.clock().instant();
                HealthCheck.Result overdue = overdue(previousFire(config, now), up, now, runs.lastCompleted());
                return overdue != null ? overdue : runs.last().map(Management::lastRun).orElse(HealthCheck.Result.up("no run yet"));
            }));
        }
        return checks;
    }

    /**
     * Down when the schedule fired (while this daemon was up) more than {@link #OVERDUE_AFTER} ago
     * and no run has got to its end since: the job did not run, or is stuck.
     */
    static HealthCheck.Result overdue(Instant fired, Instant up, Instant now, Optional<JobRuns.Run> completed) {
        if (fired == null || fired.isBefore(up) || now.isBefore(fired.plus(OVERDUE_AFTER))) {
            return null;
        }
        boolean done = completed.map(r -> !r.startedAt().isBefore(fired.minus(Duration.ofMinutes(1)))).orElse(false);
        return done ? null : HealthCheck.Result.down("overdue: no daily run completed since the fire time " + fired
                + " (allowed " + OVERDUE_AFTER.toHours() + " h); last completed " + completed.map(r -> r.date() + " at "
                + r.finishedAt()).orElse("never"));
    }

    /** The schedule's last fire time at or before now, looking back up to a year; null if none. */
    static Instant previousFire(ScheduleConfig config, Instant now) {
        // the nearest window first: an hour back, then four times as far, up to a year and more
        for (Duration back = Duration.ofHours(1); back.toDays() <= 1000; back = back.multipliedBy(4)) {
            Instant last = null;
            Instant from = now.minus(back);
            while (true) {
                List<Instant> times = DailySchedule.nextFireTimes(config, from, 500);
                Instant passed = times.stream().filter(t -> !t.isAfter(now)).reduce((a, b) -> b).orElse(null);
                last = passed == null ? last : passed;
                if (times.size() < 500 || passed == null || !passed.equals(times.get(times.size() - 1))) {
                    break;
                }
                from = passed;
            }
            if (last != null) {
                return last;
            }
        }
        return null;
    }

    private static HealthCheck.Result scheduler(DailySchedule schedule) {
        if (!schedule.running()) {
            return HealthCheck.Result.down("not running");
        }
        Date next = schedule.storedNextFireTime();
        return HealthCheck.Result.up("running; next fire " + (next == null ? "never" : next.toInstant()));
    }

    private static HealthCheck.Result lastRun(JobRuns.Run run) {
        String what = run.date() + " (started " + run.startedAt() + " on " + run.node() + ")";
        return switch (run.outcome()) {
            case "ok" -> HealthCheck.Result.up("ok: " + what);
            case "running" -> HealthCheck.Result.up("running: " + what);
            case "failed" -> HealthCheck.Result.down("failed: " + what + ": " + run.summary());
            default -> HealthCheck.Result.degraded(run.outcome() + ": " + what + ": " + run.summary());
        };
    }
}
