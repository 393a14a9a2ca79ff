package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.schedule.JobRuns;
import org.paperboy.web.HealthCheck;

/**
 * One daily run, whoever starts it: {@code send} and the Quartz job run the same day the same way,
 * load its sources once, and record the same outcome, which {@code schedule status} and
 * {@code /healthz} then agree on.
 */
class DailyRunIT {

    @TempDir
    Path dir;

    private HttpServer sources;
    private final List<String> requested = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveAnEmptyDay() throws Exception {
        sources = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sources.createContext("/day/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        sources.start();
    }

    @AfterEach
    void stop() {
        sources.stop(0);
    }

    @Test
    void sendAndTheJobRecordTheSameNoPapersDayAndLoadItsSourcesOnceARun() throws Exception {
        // a zone where it is about noon now, so that the CLI's day and the job's are the same date
        String zone = ZoneOffset.ofHours(12 - ZonedDateTime.now(ZoneOffset.UTC).getHour()).getId();
        LocalDate today = LocalDate.now(ZoneOffset.of(zone));
        Path config = OperatorConfig.good(null)
                .sources("[\"http://127.0.0.1:" + sources.getAddress().getPort() + "/day/{date}.json\"]").write(dir);
        Files.writeString(config, """
                schedule:
                  cron: "* * * * * ?"
                  timezone: "%s"
                """.formatted(zone), StandardOpenOption.APPEND);
        assertThat(run("subscribe", "alice@readers.test", "--confirmed", "-c", config.toString()).exit).isZero();

        OperatorConfig.Run send = run("send", "-c", config.toString(), "--preview", "");

        assertThat(send.exit).as(send.err()).isEqualTo(Cli.NO_PAPERS);
        assertThat(requested).as("the day's source is fetched once, also when nothing was planned")
                .containsExactly("/day/" + today + ".json");
        assertThat(run("schedule", "status", "-c", config.toString()).out()).contains("for " + today + " on ").contains("(send): no papers");
        PaperboyConfig loaded = ConfigLoader.load(config, Map.of());
        try (Paperboy paperboy = Paperboy.wire(loaded); DailySchedule schedule = paperboy.schedule()) {
            assertThat(lastRun(paperboy, schedule)).isEqualTo(
                    new HealthCheck.Result(HealthCheck.State.DEGRADED, lastRunDetail(paperboy)));
            assertThat(lastRun(paperboy, schedule).detail()).startsWith("no papers: " + today).contains("(send)");
        }

        JobRuns.Run byJob;
        try (Paperboy paperboy = Paperboy.wire(loaded)) {
            JobRuns runs = new JobRuns(paperboy.database().dataSource());
            DailySchedule schedule = paperboy.schedule();
            try (schedule) {
                schedule.start();
                waitFor(() -> runs.count() >= 2 && runs.last().map(r -> r.finishedAt() != null).orElse(false));
            }
            // the scheduler is stopped and each run that started has ended: one fetch each
            byJob = runs.last().orElseThrow();
            assertThat(byJob.finishedAt()).isNotNull();
            assertThat(byJob.node()).doesNotContain("(send)");
            assertThat(byJob.outcome()).as(byJob.summary()).isEqualTo("no papers");
            assertThat(lastRun(paperboy, schedule)).isEqualTo(new HealthCheck.Result(HealthCheck.State.DEGRADED, lastRunDetail(paperboy)));
            assertThat(lastRun(paperboy, schedule).detail()).startsWith("no papers: " + today);
            assertThat(requested).hasSize(runs.count()).containsOnly("/day/" + today + ".json");
        }
        assertThat(run("schedule", "status", "-c", config.toString()).out()).contains("for " + today + " on ").contains(": no papers")
                .doesNotContain(": ok");
    }

    private static HealthCheck.Result lastRun(Paperboy paperboy, DailySchedule schedule) {
        return Management.checks(paperboy, schedule).stream().filter(c -> c.name().equals("lastRun")).findFirst().orElseThrow().check();
    }

    private static String lastRunDetail(Paperboy paperboy) {
        JobRuns.Run r = new JobRuns(paperboy.database().dataSource()).last().orElseThrow();
        return r.outcome() + ": " + r.date() + " (started " + r.startedAt() + " on " + r.node() + "): " + r.summary();
    }

    private static OperatorConfig.Run run(String... args) {
        return new OperatorConfig.Run(Map.of(), args);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after two minutes");
            }
            Thread.sleep(100);
        }
    }
}
