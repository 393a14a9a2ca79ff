package org.paperboy.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.bounces.BounceParser;
import org.paperboy.bounces.LocalMail;
import org.paperboy.bounces.Report;
import org.paperboy.bounces.ReturnedMail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paperboy bounces}: reads returned mail (bounces, complaints, auto-replies). */
@Command(name = "bounces", mixinStandardHelpOptions = true,
        description = "Read returned mail: bounces, complaints (feedback reports) and auto-replies.",
        subcommands = {BouncesCommand.Scan.class, BouncesProcessCommand.class})
final class BouncesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code paperboy bounces scan}: a dry run over mail on disk, with no database. */
    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Parse mail files, maildir folders and mbox files and print what each reports; changes nothing.")
    static final class Scan implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per reported recipient and line.")
        boolean json;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Mail files, maildir folders, folders of mail files or mbox files.")
        List<Path> paths;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            BounceParser parser = new BounceParser();
            int[] counts = new int[2];
            for (Path path : paths) {
                LocalMail.read(path, (name, raw) -> {
                    ReturnedMail mail = parser.parse(raw);
                    counts[0]++;
                    for (Report report : mail.reports()) {
                        counts[1]++;
                        out.println(json ? json(name, report) : line(name, report));
                    }
                });
            }
            if (!json) {
                out.printf("%d mails, %d reports%n", counts[0], counts[1]);
            }
            out.flush();
            return 0;
        }

        private static String json(String file, Report r) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", file);
            line.put("recipient", r.recipient());
            line.put("kind", r.kind().label());
            line.put("status", r.status());
            line.put("reason", r.reason());
            line.put("diagnostic", r.diagnostic());
            try {
                return JSON.writeValueAsString(line);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON for " + file, e);
            }
        }

        private static String line(String file, Report r) {
            return String.format("%-9s %-7s %-15s %-40s %s", r.kind().label(), r.status() == null ? "-" : r.status(), r.reason(),
                    r.recipient() == null ? "-" : r.recipient(), file);
        }
    }
}
