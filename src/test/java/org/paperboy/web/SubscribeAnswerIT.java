package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/**
 * The subscribe form tells nobody who is subscribed, not even by its time: every address takes
 * the same path, checks on the text alone and one piece of queued work, and is answered before
 * the store, the token or the mail are touched. Shown by holding the queue, not by a stopwatch.
 */
class SubscribeAnswerIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final List<String> EVERY_KIND = List.of("new@example.org", "known@example.org", "waiting@example.org",
            "gone@example.org");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch gate = new CountDownLatch(1);
    private Paperboy paperboy;
    private WebServer web;

    @BeforeEach
    void start() throws Exception {
        paperboy = Paperboy.wire(TestSetup.config(dir, smtp.getSmtp().getPort(), null), clock);
        web = Webs.start(paperboy, Webs.limits(List.of(), 10, 10, null, null), clock);
        subscribe("known@example.org", true);
        subscribe("waiting@example.org", false);
        subscribe("gone@example.org", true);
        paperboy.subscriptions().unsubscribeAddress("gone@example.org");
        assertThat(smtp.waitForIncomingEmail(Webs.PATIENCE.toMillis(), 1)).isTrue();
        clock.advance(java.time.Duration.ofHours(2));   // past the one-mail-an-hour limit
    }

    @AfterEach
    void stop() {
        gate.countDown();
        web.close();
        paperboy.close();
    }

    @Test
    void everyAddressIsAnsweredTheSameWayBeforeTheStoreIsTouched() throws Exception {
        web.background().execute(this::holdTheQueue);
        long queuedBefore = web.background().accepted();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String email : EVERY_KIND) {
            answers.add(Webs.post(http, web, "/subscribe", "email=" + email.replace("@", "%40")));
        }

        assertThat(web.background().accepted() - queuedBefore).as("one piece of queued work per address").isEqualTo(EVERY_KIND.size());
        assertThat(paperboy.subscribers().find("new@example.org")).as("answered before any store work").isEmpty();
        String first = answers.get(0).body().replace(EVERY_KIND.get(0), "ADDRESS");
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i);
            assertThat(answer.statusCode()).isEqualTo(200);
            // the page repeats the address that was typed in, and nothing else differs
            assertThat(answer.body().replace(EVERY_KIND.get(i), "ADDRESS")).isEqualTo(first);
            assertThat(headers(answer)).isEqualTo(headers(answers.get(0)));
        }

        gate.countDown();
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();
        assertThat(paperboy.subscribers().find("new@example.org").orElseThrow().status()).isEqualTo(Status.PENDING);
        assertThat(paperboy.subscribers().find("known@example.org").orElseThrow().status()).isEqualTo(Status.CONFIRMED);
        assertThat(smtp.waitForIncomingEmail(Webs.PATIENCE.toMillis(), 1 + 3)).as("after the set-up's, new, waiting and gone get one").isTrue();
        assertThat(smtp.getReceivedMessagesForDomain("known@example.org")).as("a confirmed reader gets none").isEmpty();
    }

    @Test
    void whenTheQueueIsFullEveryAddressIsAskedToComeBackAlike() throws Exception {
        web.background().execute(this::holdTheQueue);
        for (int i = 0; i < BackgroundQueue.CAPACITY; i++) {
            web.background().execute(() -> { });
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String email : EVERY_KIND) {
            answers.add(Webs.post(http, web, "/subscribe", "email=" + email.replace("@", "%40")));
        }
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).isEqualTo(answers.get(0).body());
        }
        gate.countDown();
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();
        assertThat(paperboy.subscribers().find("new@example.org")).isEmpty();
    }

    private void holdTheQueue() {
        try {
            gate.await(Webs.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void subscribe(String email, boolean confirmed) {
        paperboy.subscriptions().subscribe(email, Preferences.NONE, Frequency.DAILY,
                new Consent("cli", null, null, "test", clock.instant()), confirmed, Runnable::run);
    }

    private static Map<String, List<String>> headers(HttpResponse<String> answer) {
        Map<String, List<String>> headers = new TreeMap<>(answer.headers().map());
        headers.remove("date");
        headers.remove("content-length");   // the page repeats the typed address, whose length varies
        return headers;
    }
}
