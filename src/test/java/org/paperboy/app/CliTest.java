package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("papers").contains("Usage: paperboy");
    }

    @Test
    void noCommandPrintsTheHelpAndExitsWith2() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: paperboy").contains("send").contains("check");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadLoggingFormatIsAConfigError(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("paperboy.yaml"), "logging:\n  format: xml\n");
        assertThat(run("check", "-c", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("logging.format must be text or json, got \"xml\"");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(run("papers", "--help")).isZero();
        assertThat(out.toString()).contains("--json").contains("--as-of").contains("SOURCE");
    }

    @Test
    void versionPrintsTheVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("paperboy ");
    }

    @Test
    void papersJsonPrintsOneObjectPerLineWithEveryField() throws IOException {
        assertThat(run("papers", "--json", "--as-of", "2025-11-22", "seeds")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(561);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "title", "abstract", "authors", "authorCount",
                "published", "upvotes", "organization", "keywords", "links", "sources", "extras");
        assertThat(first.get("published").asText()).isEqualTo("2025-04-07");
        assertThat(first.get("organization").isNull()).isTrue();
        assertThat(first.get("sources").get(0).asText()).isEqualTo("000_43477850077c895c.txt");
    }

    @Test
    void papersTablePrintsACount() {
        assertThat(run("papers", "--as-of", "2025-11-22")).isZero();
        assertThat(out.toString()).contains("561 papers (598 entries from 5 inputs)");
    }

    @Test
    void badInputIsOneLineOnStderrWithExitCode2(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertThat(run("papers", "--json", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("paperboy: " + empty + ": the file is empty" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertThat(run("papers", "--verbose", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("SourceFormatException").contains("\tat ");
    }

    @Test
    void aBadConfigExitsWith2(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "paper:\n  sources: []\n");
        assertThat(run("papers", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key \"paper\"");
    }

    @Test
    void aBadDateOptionIsAUsageError() {
        assertThat(run("papers", "--as-of", "tomorrow")).isEqualTo(2);
        assertThat(err.toString()).contains("--as-of");
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    }
}
