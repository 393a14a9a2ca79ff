package org.paperboy.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.store.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy restore FILE}: puts a backup in the database's place, while nothing runs. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the embedded SQLite database with a backup made by 'paperboy backup', after checking it is a sound",
            "Paperboy database. Only while no Paperboy process has the database open: stop the service first.",
            "The replaced file is kept beside it as NAME.replaced-STAMP. Messages sent after the backup was taken are sent",
            "again by the next send (same Message-ID). PostgreSQL: use pg_restore instead.",
            "Exit codes: 0 restored, 2 refused (Paperboy running, not a Paperboy database, PostgreSQL)."})
final class RestoreCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup to restore.")
    Path file;

    RestoreCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Backups.Restored restored = Backups.restore(common.config(env).database(), file);
        out.printf("restored %s into %s (%d bytes)%s%n", file.toAbsolutePath(), restored.database(), restored.bytes(),
                restored.keptAs() == null ? "" : "; the replaced database is kept as " + restored.keptAs());
        out.println("the next send sends again what went out after the backup was taken, with the same Message-IDs");
        out.flush();
        return 0;
    }
}
