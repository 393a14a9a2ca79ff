package org.paperboy.app;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.schedule.JobRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code paperboy schedule status}: next fire times, the last run and how it ended. */
@Command(name = "schedule", mixinStandardHelpOptions = true, description = "Inspect the daily job's schedule.",
        subcommands = ScheduleCommand.Status.class)
final class ScheduleCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Print the next fire times, the last run and how it ended.")
    static final class Status implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        Status(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Paperboy paperboy = Paperboy.wire(common.config(env)); DailySchedule schedule = paperboy.schedule()) {
                var config = paperboy.config().schedule();
                out.printf("Schedule: \"%s\" in %s%s%n", config.cron(), config.timezone(), config.clustered() ? " (clustered)" : "");
                out.println("Next fire times:");
                for (Instant t : DailySchedule.nextFireTimes(config, Instant.now(paperboy.clock()), 5)) {
                    out.printf("  %s  (%s)%n", t.atZone(config.zone()).toLocalDateTime(), t);
                }
                Date stored = schedule.storedNextFireTime();
                out.println(stored == null ? "The daemon has not stored the job yet: start it with `paperboy run`."
                        : "Stored trigger fires next at " + stored.toInstant());
                new JobRuns(paperboy.database().dataSource()).last().ifPresentOrElse(
                        r -> out.printf("Last run: %s for %s on %s: %s%s%n", r.startedAt(), r.date(), r.node(), r.outcome(),
                                r.summary() == null ? "" : " (" + r.summary() + ")"),
                        () -> out.println("Last run: none yet"));
            }
            out.flush();
            return 0;
        }
    }
}
