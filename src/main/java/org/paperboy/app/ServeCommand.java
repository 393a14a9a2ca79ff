package org.paperboy.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.digest.DigestArchive;
import org.paperboy.subscribers.ConfirmationCourier;
import org.paperboy.web.ManagementServer;
import org.paperboy.web.Metrics;
import org.paperboy.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code paperboy serve}: the subscription pages on their own, until SIGTERM or SIGINT, with the
 * confirmation mail queue drained in the background.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the subscription pages (subscribe, confirm, preferences, unsubscribe, archive, feed).")
final class ServeCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    LocalTrial.Switch trial;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PaperboyConfig config = trial.apply(common.config(env));
        // serve mails the confirmations of the subscribe form: the same sender identity as the digest, or nothing starts
        SenderIdentity.requireForSmtp(config, "serve", trial.on());
        Metrics metrics = new Metrics();
        try (StopSignal stop = new StopSignal();
             Paperboy paperboy = Paperboy.wire(config); ConfirmationCourier confirmations = paperboy.startConfirmations();
             WebServer web = startWeb(paperboy, metrics);
             ManagementServer management = Management.start(paperboy, metrics, null)) {
            spec.commandLine().getOut().printf("%sServing on http://%s:%d/ (links in mail use %s)%s%n",
                    trial.on() ? "LOCAL TRIAL (mail only to the catcher on " + config.smtp().host() + "). " : "",
                    paperboy.config().web().host(), web.port(), paperboy.config().email().publicBaseUrl(), management == null ? ""
                            : "; /healthz and /metrics on http://" + paperboy.config().web().managementHost() + ":" + management.port() + "/");
            spec.commandLine().getOut().flush();
            stop.await();
        }
        return 0;
    }

    static WebServer startWeb(Paperboy paperboy) {
        return startWeb(paperboy, new Metrics());
    }

    static WebServer startWeb(Paperboy paperboy, Metrics metrics) {
        WebServer web = WebServer.start(paperboy.config().web(), paperboy.subscriptions(), paperboy.renderer(), paperboy.config().email(),
                paperboy.classifier().taxonomy().topics(), new DigestArchive(paperboy.database().dataSource()), paperboy.clock(), metrics);
        AdminWiring.mount(paperboy, web);
        return web;
    }
}
