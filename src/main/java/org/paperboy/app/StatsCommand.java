package org.paperboy.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.stats.Report;
import org.paperboy.stats.ReportJson;
import org.paperboy.stats.ReportText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paperboy stats}: readers, growth, sends, bounce and complaint rates, the last runs. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print readers by status and frequency, daily growth, each send, bounce and complaint rates, and the last runs.")
final class StatsCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the report as one JSON document.")
    boolean json;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "Days to cover, today included (default: ${DEFAULT-VALUE}).")
    int days;

    StatsCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
            Report report = paperboy.stats().report(days);
            out.print(json ? ReportJson.format(report) + System.lineSeparator() : ReportText.format(report));
        }
        out.flush();
        return 0;
    }
}
