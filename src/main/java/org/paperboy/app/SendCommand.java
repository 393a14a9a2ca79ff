package org.paperboy.app;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.subscribers.EmailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy send}: the whole pipeline once: load, rank, render, deliver to every confirmed reader. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Run the daily job once: load, rank, render and deliver the date's digest to every confirmed subscriber."
                + " Exit code 0 when everyone was sent, 3 when some were deferred or failed, 2 for bad config or input.")
final class SendCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--date", paramLabel = "DATE", description = "The digest's day (YYYY-MM-DD). Default: today.")
    LocalDate date;

    @Option(names = "--dry-run", description = "Render and report without sending or writing a delivery row.")
    boolean dryRun;

    @Option(names = "--retry-failed", paramLabel = "DATE",
            description = "First put the date's failed messages (5xx answers) back in the queue, after fixing their cause.")
    LocalDate retryFailed;

    @Option(names = "--to", paramLabel = "EMAIL", description = "Only this (confirmed) subscriber.")
    String to;

    @Option(names = "--preview", paramLabel = "DIR", defaultValue = "out/preview",
            description = "Also write the day's general digest here to open in a browser (default: ${DEFAULT-VALUE}; \"\" for none).")
    void preview(String dir) {
        this.preview = dir == null || dir.isBlank() ? null : java.nio.file.Path.of(dir);
    }

    private java.nio.file.Path preview;

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Sources to load. Default: papers.sources of the config.")
    List<String> sources;

    SendCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String only = to == null ? null : EmailAddress.normalise(to);
        try (StopSignal stop = new StopSignal(); Paperboy paperboy = Paperboy.wire(common.config(env))) {
            LocalDate day = date != null ? date : LocalDate.now(paperboy.config().schedule().zone());
            DeliveryRun run = paperboy.deliveryRun();
            // SIGTERM/SIGINT: the messages in flight finish and are recorded, the rest stay pending
            stop.onStop(run::stop);
            if (retryFailed != null) {
                spec.commandLine().getOut().printf("%s: %d failed messages put back in the queue%n", retryFailed,
                        run.retryFailed(retryFailed));
            }
            DeliveryReport report = paperboy.send(run, day, sources,
                    new DeliveryRun.Options(dryRun, only, System.console() != null, System.err), preview);
            PrintWriter out = spec.commandLine().getOut();
            out.println(report.summary());
            if (preview != null) {
                out.println("Preview of the day's digest: " + preview.resolve("index.html"));
            }
            if (report.planned() == 0 && report.alreadySent() == 0 && report.sent() == 0) {
                out.println("No confirmed subscriber is due on " + day + ". Add one with: paperboy subscribe EMAIL --confirmed");
            }
            out.flush();
            return report.exitCode();
        }
    }
}
