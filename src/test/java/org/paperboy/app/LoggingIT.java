package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs an operator reads, from the built jar run as a separate process (stderr only). */
class LoggingIT {

    @TempDir
    Path dir;

    @Test
    void textLogsAreDatedIso8601AtInfoWithTheLibrariesQuiet() throws Exception {
        List<String> lines = send("");

        assertThat(lines).anyMatch(l -> l.contains("INFO  [main] SendCommand - send for 2025-11-20 started"));
        assertThat(lines).anyMatch(l -> l.contains("INFO  [main] SendCommand - send: 2025-11-20: sent 0,"));
        assertThat(lines).allMatch(l -> l.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) [A-Z]+ .*"), "dated ISO-8601");
        assertThat(String.join("\n", lines)).doesNotContainIgnoringCase("hikari").doesNotContainIgnoringCase("flyway")
                .doesNotContainIgnoringCase("quartz");
    }

    @Test
    void jsonLogsAreOneObjectALine() throws Exception {
        List<String> lines = send("logging:\n  format: json\n");

        ObjectMapper json = new ObjectMapper();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.path("@timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
            assertThat(event.path("level").asText()).isNotEmpty();
        }
        assertThat(lines).anyMatch(l -> l.contains("\"message\":\"send for 2025-11-20 started\""));
    }

    @Test
    void warnLevelHidesTheRunSummary() throws Exception {
        List<String> lines = send("logging:\n  level: warn\n");

        assertThat(lines).noneMatch(l -> l.contains("INFO"));
    }

    /** A send to the outbox folder with no subscriber; stdout and stderr kept apart. */
    private List<String> send(String extraYaml) throws IOException, InterruptedException {
        Path config = Files.writeString(dir.resolve("paperboy.yaml"), """
                papers:
                  sources: [%s]
                smtp:
                  outbox: "%s"
                database:
                  url: "%s"
                tokens:
                  secret: %s
                """.formatted(Path.of("seeds").toAbsolutePath(), dir.resolve("outbox"),
                org.paperboy.testing.TestSetup.sqliteUrl(dir), org.paperboy.testing.TestSetup.SECRET) + extraYaml);
        Path err = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target/paperboy.jar").toAbsolutePath().toString(), "send", "-c", config.toString(), "--date", "2025-11-20",
                "--preview", "").directory(dir.toFile()).redirectError(err.toFile())
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(dir.resolve("stdout.log"))).as("the summary stays on stdout").contains("2025-11-20: sent 0,");
        return Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
    }
}
