package org.paperboy.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.retention.Retention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paperboy prune}: what the daily job does after its send, by hand. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Fold outbox rows, bounce events and job runs older than retention.days into the daily roll-ups that stats and",
            "the admin page read, then delete them (the daily job does this after each send). stats reads the same figures after.",
            "On SQLite the file then gives the space back (incremental auto-vacuum; a file made before Paperboy set it up needs",
            "--vacuum once, with Paperboy stopped and as much free disk as the file takes)."})
final class PruneCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Only count what would go.")
    boolean dryRun;

    @Option(names = "--vacuum", description = "SQLite: afterwards, rewrite the file once in incremental auto-vacuum mode.")
    boolean vacuum;

    PruneCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
            Retention retention = paperboy.retention();
            out.println(retention.prune(dryRun).summary());
            if (vacuum && !dryRun) {
                retention.vacuum();
                out.println("vacuumed: the file is in incremental auto-vacuum mode");
            }
        }
        out.flush();
        return 0;
    }
}
