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

/** {@code paperboy backup FILE}: a consistent copy of the embedded database, taken while Paperboy runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy the embedded SQLite database into FILE, consistent as of one moment, while serve, run or a send goes on.",
            "What is sent after the copy is sent again, with the same Message-ID, if the copy is ever restored.",
            "PostgreSQL: use pg_dump instead.",
            "Exit codes: 0 copied, 2 refused (FILE exists, PostgreSQL, no database)."})
final class BackupCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the copy; must not exist.")
    Path file;

    BackupCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Backups.Written written = Backups.backup(common.config(env).database(), file);
        out.printf("backed up the database to %s (%d bytes)%n", written.file().toAbsolutePath(), written.bytes());
        out.flush();
        return 0;
    }
}
