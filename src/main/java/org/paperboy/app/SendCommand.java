package org.paperboy.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.PaperboyException;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.subscribers.EmailAddress;
import org.paperboy.subscribers.Status;
import org.paperboy.subscribers.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy send}: the whole pipeline once: load, rank, render, deliver to every confirmed reader. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Run the daily job once: load, rank, render and deliver the date's digest to every confirmed subscriber.",
            "Exit codes: 0 everyone due was sent (or, with --dry-run, would be); 1 unexpected failure;"
                + " 2 bad config or input (also an unknown or unconfirmed --to, or a wrong sender identity with smtp.host set);"
                + " 3 some messages were deferred or failed; 4 the sources hold no papers for the date."})
final class SendCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SendCommand.class);
    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--date", paramLabel = "DATE", description = "The digest's day (YYYY-MM-DD). Default: today.")
    LocalDate date;

    @Option(names = "--dry-run", description = "Plan and render without sending or writing a delivery row; reports \"would send N\".")
    boolean dryRun;

    @Option(names = "--retry-failed", paramLabel = "DATE",
            description = "First put the date's failed messages (5xx answers) back in the queue, after fixing their cause.")
    LocalDate retryFailed;

    @Option(names = "--to", paramLabel = "EMAIL", description = "Only this confirmed subscriber (an unknown or unconfirmed one is an error).")
    String to;

    @Option(names = "--test", paramLabel = "EMAIL",
            description = "Mail one test copy of the date's digest to EMAIL now, with [TEST] in the subject, outside the outbox"
                    + " (no delivery row, no history; any day, also one already sent).")
    String test;

    @Option(names = "--as", paramLabel = "READER", description = "With --test: the digest READER's preferences choose.")
    String as;

    @Option(names = "--preview", paramLabel = "DIR",
            description = "Also write the day's general digest here to open in a browser (default: the folder preview beside"
                    + " smtp.outbox, e.g. /var/lib/paperboy/preview; \"\" for none).")
    void preview(String dir) {
        this.previewGiven = true;
        this.preview = dir == null || dir.isBlank() ? null : Path.of(dir).toAbsolutePath();
    }

    private boolean previewGiven;
    private Path preview;

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Sources to load. Default: papers.sources of the config.")
    List<String> sources;

    @Mixin
    LocalTrial.Switch trial;

    SendCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PaperboyConfig config = trial.apply(common.config(env));
        if (!previewGiven) {
            preview = Previews.defaultFolder(config);
        }
        if (as != null && test == null) {
            throw new PaperboyException("--as needs --test EMAIL");
        }
        if (!dryRun) {
            SenderIdentity.requireForSmtp(config, "send", trial.on());
        }
        try (Paperboy paperboy = Paperboy.wire(config)) {
            LocalDate day = date != null ? date : LocalDate.now(config.schedule().zone());
            if (test != null) {
                return sendTest(paperboy, day);
            }
            String only = to == null ? null : confirmed(paperboy, to);
            return dryRun ? dryRun(paperboy, day, only) : send(paperboy, day, only);
        }
    }

    private int send(Paperboy paperboy, LocalDate day, String only) {
        DailyRun.Result result;
        try (StopSignal stop = new StopSignal()) {
            DeliveryRun run = paperboy.deliveryRun();
            // SIGTERM/SIGINT: the messages in flight finish and are recorded, the rest stay pending
            stop.onStop(run::stop);
            LOG.info("send for {} started{}", day, only == null ? "" : " (only " + only + ")");
            result = new DailyRun(paperboy).run(run, request(paperboy, day, only), () -> {
                if (retryFailed != null) {
                    spec.commandLine().getOut().printf("%s: %d failed messages put back in the queue%n", retryFailed,
                            run.retryFailed(retryFailed));
                }
                if (only == null) {
                    drainConfirmations(paperboy);
                }
            });
        }
        DeliveryReport report = result.report();
        LOG.info("send: {}", report.summary());
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.summary());
        if (preview != null) {
            out.println("Preview of the day's digest: " + preview.resolve("index.html"));
        }
        Previews.outboxFolder(paperboy.config(), day).ifPresent(folder -> out.println("Messages written to the outbox folder: " + folder));
        out.flush();
        if (result.noPapers()) {
            return noPapersFor(day, paperboy);
        }
        if (report.planned() == 0 && report.alreadySent() == 0 && report.sent() == 0) {
            out.println("No confirmed subscriber is due on " + day + ". Add one with: paperboy subscribe EMAIL --confirmed");
        }
        out.flush();
        return report.exitCode();
    }

    /** Sends the confirmation mails due in the queue first (for installations that run no daemon), and says so when there were any. */
    private void drainConfirmations(Paperboy paperboy) {
        var courier = paperboy.subscriptions().confirmations();
        int sent = courier.drainAll();
        var counts = courier.queue().counts(paperboy.clock().instant().minus(java.time.Duration.ofDays(7)));
        if (sent > 0 || counts.queued() > 0) {
            spec.commandLine().getOut().printf("Confirmation mails: %d sent, %d still queued (will retry)%n", sent, counts.queued());
            spec.commandLine().getOut().flush();
        }
    }

    private int dryRun(Paperboy paperboy, LocalDate day, String only) {
        DailyRun.Result result = new DailyRun(paperboy).run(paperboy.deliveryRun(), request(paperboy, day, only));
        if (result.noPapers()) {
            return noPapersFor(day, paperboy);
        }
        DeliveryReport report = result.report();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: would send %d (%d distinct digests; %d already sent). Dry run: nothing was sent or written to the outbox.%n",
                day, report.planned(), report.distinctDigests(), report.alreadySent());
        out.flush();
        return 0;
    }

    private int sendTest(Paperboy paperboy, LocalDate day) {
        String address = EmailAddress.normalise(test);
        Subscriber reader = as == null ? null : TestMail.reader(paperboy, EmailAddress.normalise(as));
        OutgoingMail mail = TestMail.build(paperboy, day, sources, address, reader);
        if (mail == null) {
            return noPapersFor(day, paperboy);
        }
        if (dryRun) {
            spec.commandLine().getOut().println("Would mail a test copy to " + address + ": " + mail.subject());
        } else {
            paperboy.mailer().send(mail);
            LOG.info("test copy of {} mailed to {}", day, address);
            spec.commandLine().getOut().println("Mailed a test copy to " + address + ": " + mail.subject());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The --to address, which must be a confirmed subscriber: anything else would silently send nothing. */
    private static String confirmed(Paperboy paperboy, String address) {
        String email = EmailAddress.normalise(address);
        Subscriber s = paperboy.subscribers().find(email)
                .orElseThrow(() -> new PaperboyException("--to " + email + ": no such subscriber"));
        if (s.status() != Status.CONFIRMED) {
            throw new PaperboyException("--to " + email + ": the subscriber is " + s.status().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not confirmed; only confirmed readers are mailed");
        }
        return email;
    }

    private DailyRun.Request request(Paperboy paperboy, LocalDate day, String only) {
        return new DailyRun.Request(day, sources, new DeliveryRun.Options(dryRun, only, System.console() != null, System.err), preview,
                paperboy.clock().instant(), Paperboy.node() + " (send)");
    }

    private int noPapersFor(LocalDate day, Paperboy paperboy) {
        List<String> names = sources == null || sources.isEmpty() ? paperboy.config().papers().sources() : sources;
        spec.commandLine().getOut().println("no papers for " + day + " in " + String.join(", ", names));
        spec.commandLine().getOut().flush();
        return Cli.NO_PAPERS;
    }
}
