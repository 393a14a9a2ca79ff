package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.digest.DigestArchive;
import org.paperboy.ranking.Preferences;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/** The operator's port: health from real checks (the database, a real Quartz scheduler) and Prometheus metrics. */
class ManagementIT {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final Metrics metrics = new Metrics();
    private final WebConfig config = TestSetup.web("{enabled: true, host: \"127.0.0.1\", port: 0, managementPort: 0}");
    private Paperboy paperboy;
    private DailySchedule schedule;
    private WebServer web;
    private ManagementServer management;

    @BeforeEach
    void start() {
        paperboy = Paperboy.wire(TestSetup.config(dir, null, null), clock);
        schedule = paperboy.schedule();
        schedule.start();
        web = WebServer.start(config, paperboy.subscriptions(), paperboy.renderer(), paperboy.config().email(),
                paperboy.classifier().taxonomy().topics(), new DigestArchive(paperboy.database().dataSource()), clock, metrics);
        List<HealthCheck> checks = List.of(HealthCheck.database(paperboy.database().dataSource()),
                HealthCheck.of("scheduler", () -> schedule.running() ? HealthCheck.Result.up("running") : HealthCheck.Result.down("stopped")));
        management = ManagementServer.startIfEnabled(config, checks, metrics, List.of(new Ping()));
    }

    @AfterEach
    void stop() {
        management.close();
        web.close();
        schedule.close();
        paperboy.close();
    }

    @Test
    void healthIsUpWhileEveryCheckIsAndDownWhenTheSchedulerStops() throws Exception {
        HttpResponse<String> up = get("/healthz");
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(up.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("scheduler").path("status").asText()).isEqualTo("UP");

        schedule.close();
        HttpResponse<String> down = get("/healthz");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(down.body()).path("checks").path("scheduler").path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void healthIsDownWhenTheDatabaseIsGone() throws Exception {
        schedule.close();
        paperboy.database().close();
        HttpResponse<String> down = get("/healthz");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode database = new ObjectMapper().readTree(down.body()).path("checks").path("database");
        assertThat(database.path("status").asText()).isEqualTo("DOWN");
        assertThat(database.path("detail").asText()).startsWith("unreachable: ");
    }

    @Test
    void metricsCountRequestsByRouteAndSubscribesAndUnsubscribesWithoutTokens() throws Exception {
        long id = paperboy.subscriptions().subscribe("rosa@example.org", Preferences.NONE, Frequency.DAILY,
                new Consent("cli", null, null, "test", clock.instant()), true, Runnable::run).subscriber().id();
        String unsubscribe = URI.create(paperboy.subscriptions().unsubscribeUrl(id)).getPath();
        Webs.get(http, web, "/");
        Webs.post(http, web, "/subscribe", "email=sam%40example.org");
        Webs.post(http, web, "/subscribe", "email=not-an-address");
        Webs.post(http, web, unsubscribe, "List-Unsubscribe=One-Click");

        List<String> counted = List.of("paperboy_http_requests_seconds_count{method=\"GET\",route=\"/\",status=\"200\"} 1",
                "paperboy_http_requests_seconds_count{method=\"POST\",route=\"/unsubscribe/{token}\",status=\"200\"} 1",
                "paperboy_web_subscribe_requests_total{outcome=\"accepted\"} 1",
                "paperboy_web_subscribe_requests_total{outcome=\"invalid\"} 1",
                "paperboy_web_unsubscribes_total{via=\"one-click\"} 1");
        // a request is counted once its answer is written, which may be just after the client has read it
        String scrape = get("/metrics").body();
        for (long deadline = System.nanoTime() + Webs.PATIENCE.toNanos();
             !counted.stream().allMatch(scrape::contains) && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
            scrape = get("/metrics").body();
        }
        assertThat(scrape).contains(counted)
                .contains("paperboy_web_connections_open{server=\"web\"}")
                .contains("jvm_memory_used_bytes")
                .doesNotContain(unsubscribe.substring("/unsubscribe/".length()));
    }

    @Test
    void moreEndpointsAreAddedByPathAndOthersAre404() throws Exception {
        assertThat(get("/admin/ping?who=ops").body()).isEqualTo("pong ops");
        assertThat(get("/admin").statusCode()).isEqualTo(404);
        assertThat(ManagementServer.startIfEnabled(WebConfig.DEFAULTS, List.of(), metrics, List.of())).as("off by default").isNull();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management.port() + path)).timeout(Webs.PATIENCE)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final class Ping implements ManagementEndpoint {

        @Override
        public String path() {
            return "/admin/ping";
        }

        @Override
        public Answer handle(Request request) {
            return new Answer(200, "text/plain; charset=utf-8", "pong " + request.query().getOrDefault("who", List.of("")).get(0));
        }
    }
}
