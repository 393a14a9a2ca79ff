package org.paperboy.app;

import java.io.PrintWriter;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.schedule.ClusterHelper;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.web.ManagementServer;
import org.paperboy.web.Metrics;
import org.paperboy.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code paperboy run}: the daemon. Fires the daily job on its schedule, serves the pages when
 * {@code web.enabled}, and stops cleanly on SIGTERM or SIGINT: messages in flight finish, the rest
 * stay pending for the next start.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daily job on its schedule (and the web pages when web.enabled) until SIGTERM or SIGINT.")
final class RunCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    RunCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Metrics metrics = new Metrics();
        try (StopSignal stop = new StopSignal();
             Paperboy paperboy = Paperboy.wire(common.config(env));
             DailySchedule schedule = paperboy.schedule();
             WebServer web = paperboy.config().web().enabled() ? ServeCommand.startWeb(paperboy, metrics) : null;
             ManagementServer management = Management.start(paperboy, metrics, schedule);
             ClusterHelper helper = paperboy.config().schedule().clustered()
                     ? new ClusterHelper(paperboy.dailyJob(), paperboy.clock(), paperboy.config().schedule().checkinSeconds()) : null) {
            Date next = schedule.start();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Daily job \"%s\" (%s); next fire %s%s%s%n", paperboy.config().schedule().cron(),
                    paperboy.config().schedule().timezone(), next == null ? "never" : next.toInstant(),
                    web == null ? "" : "; pages on http://" + paperboy.config().web().host() + ":" + web.port() + "/",
                    management == null ? "" : "; /healthz and /metrics on http://" + paperboy.config().web().managementHost()
                            + ":" + management.port() + "/");
            out.flush();
            stop.await();
        }
        return 0;
    }
}
