package org.paperboy.app;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.bounces.BounceException;
import org.paperboy.bounces.BouncePoller;
import org.paperboy.bounces.BounceProcessor;
import org.paperboy.bounces.BouncesConfig;
import org.paperboy.bounces.LocalSource;
import org.paperboy.bounces.MailSource;
import org.paperboy.bounces.MailboxSource;
import org.paperboy.bounces.ProcessSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paperboy bounces process}: acts on returned mail and prints a one-line summary. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Act on returned mail: hard bounces and complaints at once, soft bounces at bounces.softThreshold. "
                + "SOURCE is a file, maildir, folder or mbox, - for one message on standard input (a Postfix pipe), "
                + "or an imap(s):// or pop3(s):// URL; without it, the configured bounces.mailbox, maildir and mbox. "
                + "Each mail is read once: a maildir's is left in cur/ flagged seen (S), or flagged (F) when it could not be read; "
                + "an mbox is read from where the last run stopped (kept in .NAME.paperboy beside it); a mailbox's is deleted, "
                + "or flagged on IMAP when it could not be read. Two runs on one source share its mail.")
final class BouncesProcessCommand implements Callable<Integer> {

    /** sysexits EX_TEMPFAIL: a pipe's MTA keeps a message it could not read and tries again later. */
    static final int TEMPFAIL = 75;

    private final Map<String, String> env;
    private final InputStream stdin;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SOURCE", arity = "0..1", description = "Where to read: a path, - (standard input) or a mailbox URL.")
    String source;

    BouncesProcessCommand(Map<String, String> env) {
        this.env = env;
        this.stdin = System.in;
    }

    @Override
    public Integer call() {
        PaperboyConfig config = common.config(env);
        List<MailSource> sources = sources(config.bounces());
        try (Paperboy paperboy = Paperboy.wire(config)) {
            BounceProcessor processor = paperboy.bounceProcessor();
            PrintWriter out = spec.commandLine().getOut();
            ProcessSummary total = null;
            for (MailSource s : sources) {
                ProcessSummary summary = processor.process(s);
                out.println("bounces: " + summary.line());
                total = summary;
            }
            out.flush();
            return "-".equals(source) && total != null && !total.unreadable().isEmpty() ? TEMPFAIL : 0;
        }
    }

    private List<MailSource> sources(BouncesConfig config) {
        List<MailSource> sources = new ArrayList<>();
        if (source != null) {
            if (source.equals("-")) {
                sources.add(LocalSource.stdin(stdin));
            } else if (source.matches("(?i)(imaps?|pop3s?)://.*")) {
                sources.add(new MailboxSource(new BouncesConfig(source, config.username(), config.password(), null, null,
                        config.pollMinutes(), config.softThreshold(), config.softWindowDays())));
            } else {
                sources.add(new LocalSource(Path.of(source)));
            }
            return sources;
        }
        sources.addAll(BouncePoller.configured(config));
        if (sources.isEmpty()) {
            throw new BounceException("bounces process: no SOURCE given and none of bounces.mailbox, bounces.maildir, bounces.mbox is set");
        }
        return sources;
    }
}
