package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.TestSetup;

/**
 * The built jar run by hand from a folder that is not the config's, as an operator runs the
 * installed command from their home folder: the database, the outbox folder and the previews go
 * where the config says (relative paths there mean paths beside the config file), the working
 * directory stays empty, and every path the commands print is absolute and exists.
 */
class WorkingDirectoryIT {

    @TempDir
    Path cwd;

    @TempDir
    Path etc;

    @Test
    void commandsRunFromAnotherFolderWriteOnlyWhereTheConfigSays() throws Exception {
        Path config = Files.writeString(etc.resolve("paperboy.yaml"), """
                papers:
                  sources: ["%s"]
                smtp:
                  outbox: data/outbox
                database:
                  url: "jdbc:sqlite:data/paperboy.db"
                tokens:
                  secret: %s
                """.formatted(Path.of("seeds").toAbsolutePath(), TestSetup.SECRET));

        run("subscribe", "reader@readers.test", "--confirmed", "-c", config.toString());
        String send = run("send", "--date", "2025-11-20", "-c", config.toString());
        String digest = run("digest", "--date", "2025-11-21", "-c", config.toString());

        assertThat(list(cwd)).as("files in the working directory").isEmpty();
        Path data = etc.resolve("data").toRealPath();
        assertThat(data.resolve("paperboy.db")).as("the database beside the config").isRegularFile();
        assertThat(send).contains("2025-11-20: sent 1,");
        assertThat(printedPath(send, "Preview of the day's digest: ")).isEqualTo(data.resolve("preview/index.html")).isRegularFile();
        assertThat(data.resolve("preview/2025-11-20/digest.html")).isRegularFile();
        Path outbox = printedPath(send, "Messages written to the outbox folder: ");
        assertThat(outbox).isEqualTo(data.resolve("outbox/2025-11-20"));
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(1);
        }
        List<Path> written = digest.lines().filter(l -> !l.isBlank()).map(Path::of).toList();
        assertThat(written).isNotEmpty().allSatisfy(p -> assertThat(p).isAbsolute().startsWith(data.resolve("preview")).isRegularFile());
    }

    /** A path the command printed after the label, checked to be absolute. */
    private static Path printedPath(String out, String label) {
        String line = out.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow(() -> new AssertionError("no \"" + label
                + "\" line in:\n" + out));
        Path path = Path.of(line.substring(label.length()));
        assertThat(path).as(line).isAbsolute();
        return path;
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target/paperboy.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(etc, "stdout-", ".txt");
        Path err = Files.createTempFile(etc, "stderr-", ".txt");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", args) + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + Files.readString(err)).isZero();
        return Files.readString(out);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.toList();
        }
    }
}
