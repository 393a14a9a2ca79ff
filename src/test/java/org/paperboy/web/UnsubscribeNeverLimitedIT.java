package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/**
 * The subscribe form is rate-limited per client; leaving never is. Behind a trusted proxy each
 * visitor has their own limit; a forged X-Forwarded-For from anyone else changes nothing.
 */
class UnsubscribeNeverLimitedIT {

    private static final int FLOOD = 25;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private Paperboy paperboy;
    private WebServer web;

    @BeforeEach
    void wire() {
        paperboy = Paperboy.wire(TestSetup.config(dir, null, null), clock);
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
        paperboy.close();
    }

    @Test
    void afterTwentyFiveSubscribePostsFromOneAddressReadersCanStillLeave() throws Exception {
        web = Webs.start(paperboy, Webs.limits(List.of(), 10, 10, null, null), clock);
        long olga = confirmedReader("olga@example.org");
        long piet = confirmedReader("piet@example.org");
        List<Integer> flood = flood(null);
        assertThat(flood.subList(0, 20)).containsOnly(200);
        assertThat(flood.subList(20, FLOOD)).as("the form is limited").containsOnly(429);

        var oneClick = Webs.post(http, web, path(paperboy.subscriptions().unsubscribeUrl(olga)), "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(status("olga@example.org")).isEqualTo(Status.UNSUBSCRIBED);

        String page = path(paperboy.subscriptions().unsubscribeUrl(piet));
        assertThat(Webs.get(http, web, page).statusCode()).isEqualTo(200);
        assertThat(Webs.post(http, web, page, "").statusCode()).isEqualTo(200);
        assertThat(status("piet@example.org")).isEqualTo(Status.UNSUBSCRIBED);
        var late = Webs.post(http, web, "/subscribe", "email=late%40example.org");
        assertThat(late.statusCode()).as("still limited").isEqualTo(429);
        assertThat(late.body()).as("says what happened and when to come back")
                .contains("no mail was sent").contains("You can send it again in 10 minutes.");
        assertThat(late.headers().firstValue("Retry-After")).contains("600");
    }

    @Test
    void twoVisitorsBehindATrustedProxyHaveTheirOwnLimits() throws Exception {
        web = Webs.start(paperboy, Webs.limits(List.of("127.0.0.1", "::1"), 10, 10, null, null), clock);
        List<Integer> first = flood("203.0.113.7");
        assertThat(first.get(FLOOD - 1)).isEqualTo(429);

        var second = Webs.post(http, web, "/subscribe", "email=quinn%40example.org", "X-Forwarded-For", "198.51.100.9");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();
        assertThat(paperboy.subscribers().find("quinn@example.org").orElseThrow().consent().ip())
                .as("the consent records the visitor, not the proxy").isEqualTo("198.51.100.9");
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        web = Webs.start(paperboy, Webs.limits(List.of("10.0.0.0/8"), 10, 10, null, null), clock);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            statuses.add(Webs.post(http, web, "/subscribe", "email=forger" + i + "%40example.org",
                    "X-Forwarded-For", "198.51.100." + i).statusCode());
        }
        assertThat(statuses.subList(20, FLOOD)).as("one limit, whatever the header claims").containsOnly(429);
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();
        assertThat(paperboy.subscribers().find("forger0@example.org").orElseThrow().consent().ip()).isEqualTo("127.0.0.1");
    }

    private List<Integer> flood(String forwardedFor) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            String body = "email=flood" + i + "%40example.org";
            statuses.add((forwardedFor == null ? Webs.post(http, web, "/subscribe", body)
                    : Webs.post(http, web, "/subscribe", body, "X-Forwarded-For", forwardedFor)).statusCode());
        }
        return statuses;
    }

    private long confirmedReader(String email) {
        return paperboy.subscriptions().subscribe(email, Preferences.NONE, Frequency.DAILY,
                new Consent("cli", null, null, "test", clock.instant()), true, Runnable::run).subscriber().id();
    }

    private Status status(String email) {
        return paperboy.subscribers().find(email).orElseThrow().status();
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }
}
