package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.TestSetup;

/** Errors of commands that open the database: one line, exit 2, never a secret, even with --verbose. */
class CliErrorsIT {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    }

    private Path config(String dbUrl) throws IOException {
        return Files.writeString(dir.resolve("paperboy.yaml"), "database:\n  url: \"" + dbUrl + "\"\n");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsNamedWithoutItsPassword() throws IOException {
        Path config = config("jdbc:postgresql://paperboy:hunter2-in-url@127.0.0.1:1/news?sslpassword=hunter3-param");
        assertThat(run("subscribers", "list", "--verbose", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("paperboy: cannot open the database jdbc:postgresql://paperboy:***@127.0.0.1:1/news")
                .doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void aCsvWithoutHeaderIsOneLineWithExit2() throws IOException {
        Path config = config(TestSetup.sqliteUrl(dir));
        Path csv = Files.writeString(dir.resolve("list.csv"), "alice@example.org,rl\nbob@example.org,\n");
        assertThat(run("subscribers", "import", csv.toString(), "--status", "confirmed", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("paperboy: " + csv + " line 1: no header, the line holds an address;")
                .hasLineCount(1);
    }

    @Test
    void aCsvWithoutStatusNeedsTheOptionInOneLine() throws IOException {
        Path config = config(TestSetup.sqliteUrl(dir));
        Path csv = Files.writeString(dir.resolve("list.csv"), "email\nalice@example.org\n");
        assertThat(run("subscribers", "import", csv.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("paperboy: " + csv + ": the file has no status column; say what its readers"
                + " agreed to with --status confirmed").hasLineCount(1);
        assertThat(run("subscribers", "import", csv.toString(), "--status", "pending", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("1 imported, 0 suppressed, 0 already present, 0 rejected");
    }
}
