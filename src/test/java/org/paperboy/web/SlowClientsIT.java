package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/**
 * Hostile clients on raw sockets: half a header line and then silence, a header dribbled a byte at
 * a time (slowloris), a body that never comes. They must not stop anyone else, and the server must
 * close them once their deadline has passed.
 */
class SlowClientsIT {

    private static final int SILENT = 50;
    private static final int DRIBBLING = 10;
    private static final int SLOW_BODIES = 10;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<SlowClient> silent = new ArrayList<>();
    private final List<SlowClient> dribbling = new ArrayList<>();
    private final List<SlowClient> slowBodies = new ArrayList<>();
    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
    private Paperboy paperboy;
    private WebServer web;

    @BeforeEach
    void wire() {
        paperboy = Paperboy.wire(TestSetup.config(dir, null, null), clock);
    }

    @AfterEach
    void stop() throws Exception {
        dribbler.shutdownNow();
        for (SlowClient client : all()) {
            client.close();
        }
        if (web != null) {
            web.close();
        }
        paperboy.close();
    }

    @Test
    void seventySlowClientsDoNotStopOtherRequestsOnEightThreads() throws Exception {
        web = Webs.start(paperboy, Webs.limits(List.of(), 3600, 3600, null, 8), clock);
        openSlowClients();
        waitFor("the server holds every slow connection", () -> web.deadlines().open() >= SILENT + DRIBBLING + SLOW_BODIES);

        HttpResponse<String> page = Webs.get(http, web, "/");
        HttpResponse<String> subscribed = Webs.post(http, web, "/subscribe", "email=nadia%40example.org");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"email\"");
        assertThat(subscribed.statusCode()).isEqualTo(200);
        assertThat(subscribed.body()).contains("Check your inbox");
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();
        assertThat(paperboy.subscribers().find("nadia@example.org").orElseThrow().status()).isEqualTo(Status.PENDING);
        for (SlowClient client : all()) {
            assertThat(client.stillOpen()).as("the slow clients were still connected all along").isTrue();
        }
    }

    @Test
    void theServerClosesSlowClientsOnceTheirDeadlinePasses() throws Exception {
        web = Webs.start(paperboy, Webs.limits(List.of(), 1, 1, null, 8), clock);
        openSlowClients();

        for (SlowClient client : all()) {
            assertThat(client.closedByServer(Webs.PATIENCE)).as("closed by the server").isTrue();
        }
        assertThat(web.deadlines().closedConnections()).isGreaterThanOrEqualTo(SILENT + DRIBBLING + SLOW_BODIES);
        assertThat(Webs.get(http, web, "/").statusCode()).isEqualTo(200);
    }

    @Test
    void connectionsBeyondTheLimitWaitAndAreServedOnceDeadlinesFreeSlots() throws Exception {
        web = Webs.start(paperboy, Webs.limits(List.of(), 1, 1, 10, 8), clock);
        for (int i = 0; i < 20; i++) {
            silent.add(SlowClient.partialHeader(web.port()));
        }
        assertThat(web.deadlines().open()).as("never more connections than the limit").isLessThanOrEqualTo(10);

        assertThat(Webs.get(http, web, "/").statusCode()).isEqualTo(200);
        assertThat(web.deadlines().open()).isLessThanOrEqualTo(10);
    }

    private void openSlowClients() throws Exception {
        for (int i = 0; i < SILENT; i++) {
            silent.add(SlowClient.partialHeader(web.port()));
        }
        for (int i = 0; i < DRIBBLING; i++) {
            dribbling.add(SlowClient.partialHeader(web.port()));
        }
        for (int i = 0; i < SLOW_BODIES; i++) {
            slowBodies.add(SlowClient.slowBody(web.port()));
        }
        dribbler.scheduleWithFixedDelay(() -> dribbling.forEach(SlowClient::dribble), 100, 100, TimeUnit.MILLISECONDS);
    }

    private List<SlowClient> all() {
        List<SlowClient> all = new ArrayList<>(silent);
        all.addAll(dribbling);
        all.addAll(slowBodies);
        return all;
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Webs.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited in vain until " + what);
            }
            Thread.sleep(20);
        }
    }
}
