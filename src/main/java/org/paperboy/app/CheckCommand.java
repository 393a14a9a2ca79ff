package org.paperboy.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.PaperboyException;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Preferences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code paperboy check}: the whole installation, one line per item, before real mail goes out:
 * config, database, templates, each source, the SMTP server and the sender identity.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the installation before real mail goes out: config, database (opened and migrated),"
                + " the confirmation mail queue, templates,"
                + " each source, the SMTP server (connect, STARTTLS, AUTH) and the sender identity"
                + " (email.publicBaseUrl, smtp.fromAddress, email.postalAddress, tokens.secret).",
            "One line per item: ok, note, warn or FAIL, then the config key. Exit code 0 when nothing failed, 1 when something did,"
                + " 2 when the config cannot be read."})
final class CheckCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--date", paramLabel = "DATE",
            description = "The day whose papers and digest to check (YYYY-MM-DD). Default: today in schedule.timezone.")
    LocalDate date;

    @Mixin
    LocalTrial.Switch trial;

    CheckCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PaperboyConfig config = trial.apply(common.config(env));
        PrintWriter out = spec.commandLine().getOut();
        List<CheckItem> items = new ArrayList<>();
        Path file = common.file(env);
        items.add(CheckItem.ok("config", "read " + (file != null ? file : Files.isRegularFile(ConfigLoader.DEFAULT_FILE)
                ? ConfigLoader.DEFAULT_FILE : "the built-in defaults")));
        try (Paperboy paperboy = Paperboy.wire(config)) {
            items.add(database(paperboy));
            if (!items.get(items.size() - 1).failed()) {
                items.add(confirmations(paperboy));
            }
            LocalDate day = date != null ? date : LocalDate.now(config.schedule().zone());
            List<org.paperboy.papers.Paper> papers = new ArrayList<>();
            config.papers().sources().forEach(source -> items.add(DayPapers.source(paperboy.loader(), source, day, papers)));
            items.add(templates(paperboy, day, papers));
            if (!papers.isEmpty()) {
                items.add(DayPapers.digest(paperboy, day, papers, config.papers().sources()));
            }
        }
        items.addAll(SmtpProbe.check(config.smtp()));
        SenderIdentity.check(config, trial.on()).forEach(item -> items.add(config.smtp().host() == null && item.failed()
                ? CheckItem.warn(item.key(), item.message() + " (fine for the outbox folder; refused once smtp.host is set)") : item));
        items.forEach(item -> out.println(item.line()));
        long failed = items.stream().filter(CheckItem::failed).count();
        long warned = items.stream().filter(i -> i.level() == CheckItem.Level.WARN).count();
        out.println(failed == 0 ? "No check failed" + (warned == 0 ? "." : " (" + warned + " warning(s)).") : failed + " check(s) failed.");
        out.flush();
        return failed == 0 ? 0 : Cli.FAILURE;
    }

    private static CheckItem database(Paperboy paperboy) {
        try {
            paperboy.database();
            return CheckItem.ok("database.url", "opened and migrated " + paperboy.config().database().url());
        } catch (PaperboyException | IllegalStateException e) {
            return CheckItem.fail("database.url", e.getMessage());
        }
    }

    /** The confirmation mails waiting in the queue, and those that expired or were refused in the last week. */
    private static CheckItem confirmations(Paperboy paperboy) {
        java.time.Instant now = paperboy.clock().instant();
        var counts = paperboy.subscriptions().confirmations().queue().counts(now.minus(java.time.Duration.ofDays(7)));
        String text = counts.queued() + " confirmation mail(s) queued"
                + (counts.queued() == 0 ? "" : ", the oldest since " + Text.time(counts.oldestQueuedAt())
                        + (counts.lastReply() == null ? "" : " (last reply: " + counts.lastReply() + ")"))
                + "; in the last 7 days " + counts.expired() + " expired, " + counts.failed() + " refused";
        boolean stuck = counts.queued() > 0 && counts.oldestQueuedAt().isBefore(now.minus(java.time.Duration.ofHours(1)));
        return stuck || counts.expired() > 0 || counts.failed() > 0 ? CheckItem.warn("confirmations", text)
                : CheckItem.ok("confirmations", text);
    }

    /** Renders the day's general digest (an empty one when the sources gave nothing) through the templates. */
    private static CheckItem templates(Paperboy paperboy, LocalDate day, List<org.paperboy.papers.Paper> papers) {
        try {
            Digest digest = papers.isEmpty() ? new Digest(day, Preferences.NONE, List.of())
                    : new org.paperboy.ranking.Ranker(paperboy.classifier().classify(papers), paperboy.classifier().taxonomy(), day,
                            paperboy.config().ranking(), paperboy.config().digest()).general();
            paperboy.renderer().render(digest);
            return CheckItem.ok("email.templates", "the digest renders from " + paperboy.config().email().templates()
                    + (Files.isDirectory(Path.of(paperboy.config().email().templates())) ? "" : " (the jar's copies)"));
        } catch (RuntimeException e) {
            return CheckItem.fail("email.templates", e.getMessage());
        }
    }
}
