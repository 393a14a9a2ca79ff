package org.paperboy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperboy.testing.MutableClock;
import org.paperboy.web.Mounted;
import org.paperboy.web.RateLimiter;
import org.paperboy.testing.TestSetup;

class AdminSecurityTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final String login = basic("admin", "a long admin password");

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicAuthTakesOnlyTheExactUserAndPassword() {
        BasicAuth auth = new BasicAuth("admin", "a long admin password");
        assertThat(auth.accepts(login)).isTrue();
        assertThat(auth.accepts("basic " + login.substring(6))).as("the scheme is case-insensitive").isTrue();
        assertThat(auth.accepts(basic("admin", "a long admin password "))).isFalse();
        assertThat(auth.accepts(basic("Admin", "a long admin password"))).isFalse();
        assertThat(auth.accepts(null)).isFalse();
        assertThat(auth.accepts("Basic")).isFalse();
        assertThat(auth.accepts("Basic %%%")).isFalse();
        assertThat(auth.accepts("Digest " + login.substring(6))).isFalse();
    }

    @Test
    void aTokenWorksForItsLoginActionAndReaderForAnHour() {
        Csrf csrf = new Csrf("https://news.example.org", clock);
        String token = csrf.token(login, "unsubscribe", 7);
        assertThat(csrf.valid(token, login, "unsubscribe", 7)).isTrue();
        assertThat(csrf.valid(token, login, "resend", 7)).isFalse();
        assertThat(csrf.valid(token, login, "unsubscribe", 8)).isFalse();
        assertThat(csrf.valid(token, basic("admin", "another password!"), "unsubscribe", 7)).isFalse();
        String forged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertThat(csrf.valid(forged, login, "unsubscribe", 7)).isFalse();
        assertThat(csrf.valid("", login, "unsubscribe", 7)).isFalse();
        assertThat(csrf.valid("x.y", login, "unsubscribe", 7)).isFalse();
        clock.advance(Duration.ofMinutes(61));
        assertThat(csrf.valid(token, login, "unsubscribe", 7)).as("expired").isFalse();
    }

    @Test
    void aTokenFromAnotherProcessIsRefused() {
        String token = new Csrf("https://news.example.org", clock).token(login, "unsubscribe", 7);
        assertThat(new Csrf("https://news.example.org", clock).valid(token, login, "unsubscribe", 7)).isFalse();
    }

    @Test
    void sameSiteTrustsSecFetchSiteThenTheOrigin() {
        Csrf csrf = new Csrf("https://news.example.org", clock);
        assertThat(csrf.sameSite(request(Map.of()))).as("curl: the token alone").isTrue();
        assertThat(csrf.sameSite(request(Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null")))).isTrue();
        assertThat(csrf.sameSite(request(Map.of("Sec-Fetch-Site", "cross-site")))).isFalse();
        assertThat(csrf.sameSite(request(Map.of("Sec-Fetch-Site", "same-site")))).as("a sibling subdomain").isFalse();
        assertThat(csrf.sameSite(request(Map.of("Origin", "https://news.example.org")))).isTrue();
        assertThat(csrf.sameSite(request(Map.of("Origin", "http://127.0.0.1:8080", "Host", "127.0.0.1:8080")))).isTrue();
        assertThat(csrf.sameSite(request(Map.of("Origin", "https://evil.example", "Host", "127.0.0.1:8080")))).isFalse();
        assertThat(csrf.sameSite(request(Map.of("Origin", "null")))).isFalse();
    }

    @Test
    void failedLoginsBlockANetworkUntilTheOldestLeavesTheWindow() {
        RateLimiter failures = new RateLimiter(3, Duration.ofMinutes(10), clock);
        String network = RateLimiter.network("2001:db8:1:2::1");
        for (int i = 0; i < 3; i++) {
            assertThat(failures.blockedFor(network)).isZero();
            failures.record(RateLimiter.network("2001:db8:1:2::" + (i + 1)));
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(failures.blockedFor(RateLimiter.network("2001:db8:1:2:ffff::9"))).as("the same /64").isEqualTo(7 * 60);
        assertThat(failures.blockedFor(RateLimiter.network("2001:db8:1:3::1"))).as("another /64").isZero();
        assertThat(failures.blockedFor(RateLimiter.network("10.0.0.2"))).as("an IPv4 client").isZero();
        clock.advance(Duration.ofMinutes(7).plusSeconds(1));
        assertThat(failures.blockedFor(network)).isZero();
    }

    @Test
    void anIpv4ClientIsItsOwnNetwork() {
        RateLimiter failures = new RateLimiter(2, Duration.ofMinutes(10), clock);
        failures.record(RateLimiter.network("198.51.100.7"));
        failures.record(RateLimiter.network("::ffff:198.51.100.7"));
        assertThat(failures.blockedFor(RateLimiter.network("198.51.100.7"))).as("one client, written two ways").isPositive();
        assertThat(failures.blockedFor(RateLimiter.network("198.51.100.8"))).as("its neighbour").isZero();
    }

    @Test
    void configNeedsALongPasswordAndNeverPrintsIt() {
        assertThat(AdminConfig.DEFAULTS.enabled()).isFalse();
        assertThat(TestSetup.admin("password: \"\"").enabled()).isFalse();
        assertThatThrownBy(() -> TestSetup.admin("password: \"short\"")).hasMessageContaining("admin.password must be at least 12")
                .hasMessageNotContaining("short");
        AdminConfig config = TestSetup.admin("password: \"a long admin password\"");
        assertThat(config.username()).isEqualTo("admin");
        assertThat(config.toString()).doesNotContain("a long admin password");
        assertThatThrownBy(() -> TestSetup.admin("{password: \"a long admin password\", username: \"a:b\"}")).hasMessageContaining("colon");
    }

    private static Mounted.Request request(Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        return new Mounted.Request("POST", "/admin/reader/unsubscribe", Map.of(), h::get, "10.0.0.1", Map.of());
    }
}
