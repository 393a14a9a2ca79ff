package org.paperboy.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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

/** {@code paperboy subscribers list|import|export}. */
@Command(name = "subscribers", mixinStandardHelpOptions = true, description = "List, import and export subscribers.",
        subcommands = {SubscribersCommand.ListCommand.class, SubscribersCommand.ImportCommand.class,
            SubscribersCommand.ExportCommand.class})
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
            o.put("consentSource", s.consent().source());
            if (bounces != null) {
                o.put("hardBounces", bounces.hard());
                o.put("softBounces", bounces.soft());
                o.put("complained", bounces.complaints() > 0);
            }
            try {
                return PaperJson.MAPPER.writeValueAsString(o);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import confirmed subscribers from a CSV file with columns email, topics, keywords. Safe to repeat.")
    static final class ImportCommand implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.csv")
        Path file;

        ImportCommand(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
                CsvImport.Report report = new CsvImport(paperboy.database(), paperboy.topicSlugs()).run(file, Instant.now(paperboy.clock()));
                PrintWriter err = spec.commandLine().getErr();
                report.rejected().forEach(r -> err.println(file + " line " + r.line() + ": rejected: " + r.reason()));
                spec.commandLine().getOut().printf("%s: %d imported, %d already present, %d rejected%n", file,
                        report.imported(), report.alreadyPresent(), report.rejected().size());
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
                    CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("email", "status", "topics",
                            "keywords", "frequency", "created_at", "confirmed_at", "unsubscribed_at", "consent_source").build());
                    paperboy.subscribers().forEach(null, s -> {
                        try {
                            printer.printRecord(s.email(), s.status().key(), String.join(";", s.topics()),
                                    String.join(";", s.keywords()), s.frequency().key(), s.createdAt(), s.confirmedAt(),
                                    s.unsubscribedAt(), s.consent().source());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    printer.flush();
                }
            }
            out.flush();
            return 0;
        }
    }
}
