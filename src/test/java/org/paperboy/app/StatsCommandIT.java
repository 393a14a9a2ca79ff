package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paperboy stats} on a database the CLI itself filled through {@code subscribe}. */
class StatsCommandIT {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path config() throws IOException {
        Path file = dir.resolve("paperboy.yaml");
        Files.writeString(file, "database:\n  url: \"jdbc:sqlite:" + dir.resolve("p.db") + "\"\ntokens:\n  secret: stats-test-secret-0123456789\n"
                + "smtp:\n  outbox: " + dir.resolve("outbox") + "\n");
        return file;
    }

    private int run(String... args) {
        return Cli.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    }

    @Test
    void printsReadersGrowthRatesAndRunsAsText() throws IOException {
        Path config = config();
        assertThat(run("subscribe", "-c", config.toString(), "--confirmed", "alice@example.org")).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("stats", "-c", config.toString(), "--days", "3")).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Paperboy stats, last 3 days")
                .contains("Readers: 1 confirmed, 0 pending, 0 unsubscribed, 0 bounced")
                .contains("confirmed by frequency: 1 daily, 0 weekly")
                .containsPattern("\\d{4}-\\d\\d-\\d\\d +1 +0 +0 +0 +1 +0 +0")
                .contains("no digest was planned in these days")
                .doesNotContain("2026-11-20  ")
                .contains("bounce rate     0.00%")
                .contains("Last runs");
    }

    @Test
    void printsOneJsonDocument() throws IOException {
        Path config = config();
        assertThat(run("subscribe", "-c", config.toString(), "--confirmed", "bob@example.org")).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("stats", "-c", config.toString(), "--json", "--days", "5")).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("days").asInt()).isEqualTo(5);
        assertThat(json.get("growth")).hasSize(5);
        assertThat(json.at("/readers/byStatus/confirmed").asLong()).isEqualTo(1);
        // the subscription is on one of the five days: the last, or the one before if midnight passed in between
        int subscribed = 0;
        for (JsonNode day : json.get("growth")) {
            subscribed += day.get("subscribed").asInt();
        }
        assertThat(subscribed).isEqualTo(1);
        assertThat(json.at("/growth/4/subscribed").asInt() + json.at("/growth/3/subscribed").asInt()).isEqualTo(1);
        assertThat(json.at("/rates/overGmailLimit").asBoolean()).isFalse();
    }

    @Test
    void aBadWindowIsAnErrorNamingTheOption() throws IOException {
        assertThat(run("stats", "-c", config().toString(), "--days", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--days must be between 1 and 366, got 0");
    }
}
