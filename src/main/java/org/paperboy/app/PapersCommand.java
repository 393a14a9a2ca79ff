package org.paperboy.app;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paperboy papers}: loads and merges the sources and prints the papers. */
@Command(name = "papers", mixinStandardHelpOptions = true,
        description = "Load the sources, merge them, and print the papers (a table, or JSON lines with --json).")
final class PapersCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object per paper and line.")
    boolean json;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "The day to load for (YYYY-MM-DD): dates printed without a year fall on or before it. Default: today.")
    LocalDate asOf;

    @Parameters(paramLabel = "SOURCE", arity = "0..*",
            description = "Files, directories, globs or http(s) URLs ({date} is filled in). Default: papers.sources of the config.")
    List<String> sources;

    PapersCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Paperboy paperboy = Paperboy.wire(common.config(env));
        LocalDate day = asOf != null ? asOf : LocalDate.now();
        PaperLoader.Loaded loaded = sources == null || sources.isEmpty()
                ? paperboy.loader().load(day) : paperboy.loader().load(sources, day);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            PaperJson.print(loaded.papers(), out);
        } else {
            printTable(loaded, out);
        }
        out.flush();
        return 0;
    }

    private static void printTable(PaperLoader.Loaded loaded, PrintWriter out) {
        out.printf("%-10s %5s %7s  %-70s %s%n", "DATE", "UP", "AUTHORS", "TITLE", "ID");
        for (Paper p : loaded.papers()) {
            out.printf("%-10s %5s %7s  %-70s %s%n", p.published() == null ? "-" : p.published(),
                    p.upvotes() == null ? "-" : p.upvotes(), p.authorCount() == 0 ? "-" : p.authorCount(),
                    Text.ellipsize(p.title(), 70), p.id());
        }
        out.printf("%d papers (%d entries from %d inputs)%n", loaded.papers().size(), loaded.entries(), loaded.inputs().size());
    }
}
