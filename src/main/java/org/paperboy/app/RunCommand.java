package org.paperboy.app;

import java.io.PrintWriter;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.bounces.BouncePoller;
import org.paperboy.schedule.ClusterHelper;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.subscribers.ConfirmationCourier;
import org.paperboy.web.ManagementServer;
import org.paperboy.web.Metrics;
import org.paperboy.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code paperboy run}: the daemon. Fires the daily job on its schedule, serves the pages when
 * {@code web.enabled}, drains the confirmation mail queue, and stops cleanly on SIGTERM or SIGINT: messages in flight finish, the rest
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

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    LocalTrial.Switch trial;

    RunCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PaperboyConfig config = trial.apply(common.config(env));
        SenderIdentity.requireForSmtp(config, "run", trial.on());
        try (StopSignal stop = new StopSignal()) {
            runUntilStopped(config, stop);
            LOG.info("paperboy stopped");
        }
        return 0;
    }

    private void runUntilStopped(PaperboyConfig config, StopSignal stop) {
        Metrics metrics = new Metrics();
        try (Paperboy paperboy = Paperboy.wire(config);
             ConfirmationCourier confirmations = paperboy.startConfirmations();
             DailySchedule schedule = paperboy.schedule();
             WebServer web = config.web().enabled() ? ServeCommand.startWeb(paperboy, metrics) : null;
             ManagementServer management = Management.start(paperboy, metrics, schedule);
             ClusterHelper helper = config.schedule().clustered()
                     ? new ClusterHelper(paperboy.dailyJob(), config.schedule().checkinSeconds()) : null;
             BouncePoller bounces = config.bounces().polled() ? BouncePoller.start(paperboy.bounceProcessor(), config.bounces()) : null) {
            Date next = schedule.start();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Daily job \"%s\" (%s); next fire %s%s%s%n", config.schedule().cron(),
                    config.schedule().timezone(), next == null ? "never" : next.toInstant(),
                    web == null ? "" : "; pages on http://" + config.web().host() + ":" + web.port() + "/",
                    management == null ? "" : "; /healthz and /metrics on http://" + config.web().managementHost()
                            + ":" + management.port() + "/");
            out.flush();
            LOG.info("paperboy {} started; daily job \"{}\" ({}), next fire {}", version(), config.schedule().cron(),
                    config.schedule().timezone(), next == null ? "never" : next.toInstant());
            stop.await();
            LOG.info("stopping: messages in flight finish, the rest stay pending");
        }
    }

    private static String version() {
        return new Cli.Version().getVersion()[0].replace("paperboy ", "");
    }
}
