package org.paperboy.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.subscribers.CsvExport;
import org.paperboy.subscribers.CsvImport;
import org.paperboy.subscribers.Status;
import org.paperboy.bounces.BounceStates;
import org.paperboy.subscribers.Subscriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy subscribers list|import|export|forget}. */
@Command(name = "subscribers", mixinStandardHelpOptions = true, description = "List, import, export and forget subscribers.",
        subcommands = {SubscribersCommand.ListCommand.class, SubscribersCommand.ImportCommand.class,
            SubscribersCommand.ExportCommand.class, SubscribersCommand.ForgetCommand.class})
final class SubscribersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List subscribers, one per line.")
    static final class ListCommand implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--status", paramLabel = "S", description = "Only pending, confirmed, unsubscribed or bounced.")
        String status;

        @Option(names = "--json", description = "One JSON object per subscriber and line.")
        boolean json;

        ListCommand(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Status only = status == null ? null : Status.parse(status);
            PrintWriter out = spec.commandLine().getOut();
            try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
                Map<Long, BounceStates.ReaderState> bounces = BounceStates.readers(paperboy.database());
                paperboy.subscribers().forEach(only, s -> out.println(json ? toJson(s, bounces.getOrDefault(s.id(), BounceStates.ReaderState.NONE))
                        : String.format("%-40s %-12s %-7s %s", s.email(), s.status().key(), s.frequency().key(), describe(s)
                                + (bounces.containsKey(s.id()) ? "  " + bounces.get(s.id()).describe() : ""))));
            }
            out.flush();
            return 0;
        }

        private static String describe(Subscriber s) {
            return "topics: " + (s.topics().isEmpty() ? "-" : String.join(",", s.topics()))
                    + "  keywords: " + (s.keywords().isEmpty() ? "-" : String.join(",", s.keywords()));
        }

        private static String toJson(Subscriber s) {
            return toJson(s, null);
        }

        private static String toJson(Subscriber s, BounceStates.ReaderState bounces) {
            ObjectNode o = PaperJson.MAPPER.createObjectNode();
            o.put("email", s.email());
            o.put("status", s.status().key());
            s.topics().forEach(o.putArray("topics")::add);
            s.keywords().forEach(o.putArray("keywords")::add);
            o.put("frequency", s.frequency().key());
            o.put("createdAt", String.valueOf(s.createdAt()));
            o.put("confirmedAt", s.confirmedAt() == null ? null : s.confirmedAt().toString());
            o.put("unsubscribedAt", s.unsubscribedAt() == null ? null : s.unsubscribedAt().toString());
            o.put("unsubscribeReason", s.unsubscribeReason() == null ? null : s.unsubscribeReason().key());
            o.put("hardBounces", s.hardBounces());
            o.put("consentAt", String.valueOf(s.consent().at()));
            o.put("consentSource", s.consent().source());
            o.put("consentIp", s.consent().ip());
            o.put("consentUserAgent", s.consent().userAgent());
            o.put("consentTextVersion", s.consent().textVersion());
            if (bounces != null) {
                // what came back by mail (bounce_event), beside hardBounces counted at send time
                ObjectNode returned = o.putObject("returned");
                returned.put("hard", bounces.hard());
                returned.put("soft", bounces.soft());
                returned.put("complained", bounces.complaints() > 0);
            }
            try {
                return PaperJson.MAPPER.writeValueAsString(o);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import subscribers from a CSV file with a header: email and any columns `export --csv` writes"
                + " (status, frequency, topics, keywords, consent, unsubscribe, bounces). Safe to repeat.",
                "Nobody unsubscribed or bounced here is revived; rows unsubscribed or bounced are kept as suppressions."})
    static final class ImportCommand implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.csv")
        Path file;

        @Option(names = "--status", paramLabel = "S", description = "confirmed or pending: the status of rows that name none"
                + " (required when the file has no status column); recorded as their consent source.")
        String status;

        ImportCommand(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Status given = status == null ? null : Status.parse(status);
            try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
                CsvImport.Report report = new CsvImport(paperboy.database(), paperboy.topicSlugs())
                        .run(file, given, Instant.now(paperboy.clock()));
                PrintWriter err = spec.commandLine().getErr();
                report.rejected().forEach(r -> err.println(file + " line " + r.line() + ": rejected: " + r.reason()));
                err.flush();
                spec.commandLine().getOut().printf("%s: %d imported, %d suppressed, %d already present, %d rejected%n", file,
                        report.imported(), report.suppressed(), report.alreadyPresent(), report.rejected().size());
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export every subscriber (JSON lines, or CSV with --csv).")
    static final class ExportCommand implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--csv", description = "CSV with a header instead of JSON lines.")
        boolean csv;

        ExportCommand(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
                if (!csv) {
                    paperboy.subscribers().forEach(null, s -> out.println(ListCommand.toJson(s)));
                } else {
                    new CsvExport(paperboy.subscribers()).write(out);
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = {"Erase a reader on request: their votes, what they were sent, their tokens and queued mail, and their"
                + " address in returned mail. Only a SHA-256 hash of the address is kept, so they are never mailed again"
                + " (an import that lists them keeps them unsubscribed); they may subscribe again themselves."})
    static final class ForgetCommand implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        ForgetCommand(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
                var erased = new org.paperboy.subscribers.Forgetting(paperboy.database()).forget(email, Instant.now(paperboy.clock()));
                if (erased.isEmpty()) {
                    spec.commandLine().getErr().println("paperboy: no subscriber " + email);
                    return 2;
                }
                spec.commandLine().getOut().printf("%s forgotten: %d votes, %d outbox rows and %d returned-mail records erased;"
                        + " only a hash of the address is kept, so it is never mailed again%n", email, erased.get().votes(),
                        erased.get().deliveries(), erased.get().bounceEvents());
                return 0;
            }
        }
    }
}
