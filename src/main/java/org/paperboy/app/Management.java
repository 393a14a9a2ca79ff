package org.paperboy.app;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.schedule.JobRuns;
import org.paperboy.web.HealthCheck;
import org.paperboy.web.ManagementServer;
import org.paperboy.web.Metrics;

/** Wires {@code /healthz} and {@code /metrics} for {@code serve} and {@code run}, when {@code web.managementPort} is set. */
final class Management {

    private Management() {
    }

    /** @param schedule the daemon's scheduler, or null in {@code serve} */
    static ManagementServer start(Paperboy paperboy, Metrics metrics, DailySchedule schedule) {
        return ManagementServer.startIfEnabled(paperboy.config().web(), checks(paperboy, schedule), metrics, List.of());
    }

    static List<HealthCheck> checks(Paperboy paperboy, DailySchedule schedule) {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(HealthCheck.database(paperboy.database().dataSource()));
        if (schedule != null) {
            checks.add(HealthCheck.of("scheduler", () -> scheduler(schedule)));
            JobRuns runs = new JobRuns(paperboy.database().dataSource());
            checks.add(HealthCheck.of("lastRun", () -> runs.last().map(Management::lastRun)
                    .orElse(HealthCheck.Result.up("no run yet"))));
        }
        return checks;
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
