package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.bounces.Fixtures;
import org.paperboy.bounces.LocalSource;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.schedule.JobRuns;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;
import org.paperboy.web.ManagementServer;
import org.paperboy.web.Metrics;

/**
 * A scrape of {@code /metrics} after a real send (a real SMTP server that takes two readers,
 * defers one once and refuses one for good) and returned mail (a bounce proven ours, one naming
 * nobody we know): the operator's figures are there, with their names and units.
 */
class OperatorMetricsIT {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;

    @Test
    void aScrapeAfterASendWithABounceShowsWhatAnOperatorAlertsOn() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
            smtp.answerRcpt(r -> r.startsWith("carol@") ? "550 5.1.1 no such user"
                    : r.startsWith("dave@") && tries.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet() == 1
                    ? "451 4.3.0 try again later" : "250 OK");
            PaperboyConfig config = TestSetup.config(dir, smtp.port(), null, """
                    web:
                      enabled: true
                      host: "127.0.0.1"
                      port: 0
                      managementHost: "127.0.0.1"
                      managementPort: 0
                    """);
            try (Paperboy paperboy = Paperboy.wire(config)) {
                for (String reader : List.of("alice", "bob", "carol", "dave")) {
                    paperboy.subscriptions().subscribe(reader + "@example.org", Preferences.NONE, Frequency.DAILY,
                            new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
                }
                // one confirmation mail left in the queue: its sending is never started
                paperboy.subscriptions().subscribe("erin@example.org", Preferences.NONE, Frequency.DAILY,
                        new Consent("web", null, null, "v1", Instant.now()), false, work -> { });
                JobRuns runs = new JobRuns(paperboy.database().dataSource());
                DeliveryReport report = new DailyRun(paperboy).run(paperboy.deliveryRun(), new DailyRun.Request(DAY, List.of("seeds"),
                        new DeliveryRun.Options(false, null, false, null), null, Instant.now(), "test")).report();
                Instant finished = runs.last().orElseThrow().finishedAt();

                Path maildir = dir.resolve("Maildir");
                for (String sub : List.of("new", "cur", "tmp")) {
                    Files.createDirectories(maildir.resolve(sub));
                }
                // bob's digest came back (it quotes our Message-ID: proof); and one for a stranger (proof of nothing)
                Files.write(maildir.resolve("new/1.bob"), Fixtures.mail("postfix-userunknown.eml", "bob@example.org",
                        "bounces@paperboy.test", messageId(paperboy, "bob@example.org")));
                Files.write(maildir.resolve("new/2.stranger"), new String(Fixtures.mail("postfix-userunknown.eml",
                        "stranger@example.net", "bounces@paperboy.test", "elsewhere@example.net")).replace("A1@mx", "A1-2@mx").getBytes());
                paperboy.bounceProcessor().process(new LocalSource(maildir));

                Metrics metrics = new Metrics();
                try (ManagementServer management = Management.start(paperboy, metrics, null)) {
                    String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + management.port() + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    Map<String, Double> m = samples(scrape);
                    Map<String, Long> byStatus = paperboy.stats().report(1).readers().byStatus();

                    assertThat(report.sent()).as(report.summary()).isEqualTo(3);
                    assertThat(m).as(scrape)
                            .containsEntry("paperboy_messages_total{outcome=\"sent\"}", 3.0)
                            .containsEntry("paperboy_messages_total{outcome=\"deferred\"}", 1.0)
                            .containsEntry("paperboy_messages_total{outcome=\"failed\"}", 1.0)
                            .containsEntry("paperboy_messages_total{outcome=\"expired\"}", 0.0)
                            .containsEntry("paperboy_last_run_messages{outcome=\"sent\"}", 3.0)
                            .containsEntry("paperboy_last_run_messages{outcome=\"failed\"}", 1.0)
                            .containsEntry("paperboy_last_run_messages{outcome=\"deferred\"}", 0.0)
                            .containsEntry("paperboy_queue_pending_messages", 0.0)
                            .containsEntry("paperboy_returned_mail_events_total{kind=\"hard\",proof=\"verified\"}", 1.0)
                            .containsEntry("paperboy_returned_mail_events_total{kind=\"hard\",proof=\"unmatched\"}", 1.0)
                            .containsEntry("paperboy_returned_mail_events_total{kind=\"complaint\",proof=\"verified\"}", 0.0)
                            .containsEntry("paperboy_confirmation_mails{state=\"pending\"}", 1.0)
                            .containsEntry("paperboy_daily_job_last_success_timestamp_seconds", (double) finished.getEpochSecond())
                            .containsEntry("paperboy_daily_job_last_failed", 0.0)
                            .containsKey("paperboy_daily_job_last_duration_seconds");
                    for (String status : List.of("confirmed", "pending", "unsubscribed", "bounced")) {
                        assertThat(m.get("paperboy_readers{status=\"" + status + "\"}")).as(status).isEqualTo((double) byStatus.get(status));
                    }
                    assertThat(byStatus.get("pending")).isEqualTo(1L);
                    assertThat(scrape).contains("# HELP paperboy_messages_total").contains("# TYPE paperboy_messages_total counter");
                }
            }
        }
    }

    private static String messageId(Paperboy paperboy, String email) {
        long id = paperboy.subscribers().find(email).orElseThrow().id();
        return paperboy.database().transaction(c -> {
            try (var ps = c.prepareStatement("SELECT message_id FROM delivery WHERE subscriber_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    /** The paperboy_ samples of a Prometheus scrape: name with labels, to value. */
    private static Map<String, Double> samples(String scrape) {
        Map<String, Double> samples = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^(paperboy_\\S+) (\\S+)$").matcher(scrape);
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }
}
