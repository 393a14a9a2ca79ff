package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.subscribers.Status;

/** The admin pages over real HTTP: the login, its rate limit, CSRF, and the two actions. */
class AdminIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private AdminFixture site;
    private final String right = AdminFixture.basic("admin", AdminFixture.PASSWORD);

    /** @param sections YAML sections, as {@link AdminFixture#AdminFixture} takes */
    private AdminFixture start(String sections) {
        site = new AdminFixture(dir, greenMail, sections);
        return site;
    }

    @AfterEach
    void close() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void withoutAPasswordThereIsNoAdminPage() throws Exception {
        start("");
        assertThat(site.get("/admin", right).statusCode()).isEqualTo(404);
        assertThat(site.get("/admin/reader?email=alice@example.org", right).statusCode()).isEqualTo(404);
    }

    @Test
    void asksForTheLoginWithoutCredentialsAndRefusesAWrongPassword() throws Exception {
        start(AdminFixture.ADMIN);
        HttpResponse<String> none = site.get("/admin", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Paperboy admin\", charset=\"UTF-8\"");
        assertThat(none.body()).doesNotContain("Readers");
        assertThat(site.get("/admin", AdminFixture.basic("admin", "correct horse battery!")).statusCode()).isEqualTo(401);
        assertThat(site.get("/admin", AdminFixture.basic("root", AdminFixture.PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(site.get("/admin", "Basic !!!notbase64").statusCode()).isEqualTo(401);
        assertThat(site.get("/admin", "Bearer " + AdminFixture.PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void theDashboardShowsTheNumbersWithChartsAndThePagesHeadersAndNoCookie() throws Exception {
        start(AdminFixture.ADMIN);
        site.sendFriday();
        HttpResponse<String> page = site.get("/admin?days=7", right);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Last 7 days").contains("<svg").contains("0.3% complaint line")
                .contains("2026-11-20");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void failedLoginsAreLimitedPerClientEvenForTheRightPasswordAfterwards() throws Exception {
        start(AdminFixture.ADMIN + "  failedLoginsPer10Minutes: 3\n");
        for (int i = 0; i < 3; i++) {
            assertThat(site.get("/admin", AdminFixture.basic("admin", "guess " + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = site.get("/admin", right);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 600L));
    }

    /** Clients behind a trusted proxy on loopback, as the rest of the web sees them. */
    private AdminFixture behindProxy(int failedLogins) {
        site = new AdminFixture(dir, greenMail, AdminFixture.ADMIN + "  failedLoginsPer10Minutes: " + failedLogins + """

                web:
                  enabled: true
                  host: "127.0.0.1"
                  port: 0
                  trustedProxies: ["127.0.0.1"]
                """);
        return site;
    }

    @Test
    void guessesFromEveryAddressOfOneIpv6NetworkAreLimitedTogether() throws Exception {
        behindProxy(10);
        int refused = 0;
        int limited = 0;
        for (int i = 1; i <= 300; i++) {
            int status = site.getFrom("2001:db8:1:2::" + Integer.toHexString(i), "/admin", AdminFixture.basic("admin", "guess " + i)).statusCode();
            refused += status == 401 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("guesses checked: the limit, across 300 addresses of one /64").isEqualTo(10);
        assertThat(limited).isEqualTo(290);
        HttpResponse<String> sameNetwork = site.getFrom("2001:db8:1:2:ffff::1", "/admin", right);
        assertThat(sameNetwork.statusCode()).as("the right password from the guessing network waits too").isEqualTo(429);
        assertThat(sameNetwork.body()).contains("Too many failed logins from this network");
        assertThat(site.getFrom("2001:db8:1:3::1", "/admin", right).statusCode()).as("the next /64").isEqualTo(200);
        assertThat(site.getFrom("198.51.100.7", "/admin", right).statusCode()).as("an IPv4 client").isEqualTo(200);
        assertThat(site.get("/admin", right).statusCode()).as("the proxy's own address, loopback").isEqualTo(200);
    }

    @Test
    void guessesFromOneIpv4AddressLockOutNoOtherAddress() throws Exception {
        behindProxy(3);
        for (int i = 0; i < 3; i++) {
            assertThat(site.getFrom("198.51.100.7", "/admin", AdminFixture.basic("admin", "guess " + i)).statusCode()).isEqualTo(401);
        }
        assertThat(site.getFrom("198.51.100.7", "/admin", AdminFixture.basic("admin", "guess 4")).statusCode()).isEqualTo(429);
        assertThat(site.getFrom("198.51.100.8", "/admin", right).statusCode()).as("the neighbouring address").isEqualTo(200);
        assertThat(site.getFrom("2001:db8:1:2::1", "/admin", right).statusCode()).isEqualTo(200);
        assertThat(site.getFrom("1.2.3.4, 198.51.100.9", "/admin", right).statusCode())
                .as("a forged hop left of the real client changes nothing").isEqualTo(200);
        assertThat(site.getFrom("198.51.100.9, 198.51.100.7", "/admin", right).statusCode())
                .as("nor does one in front of the locked client").isEqualTo(429);
    }

    @Test
    void theReaderSearchShowsStatusPreferencesAndDeliveries() throws Exception {
        start(AdminFixture.ADMIN);
        site.sendFriday();
        String page = site.readerPage("Alice@Example.org");
        assertThat(page).contains("alice@example.org").contains("confirmed").contains("2026-11-20").contains("250 accepted")
                .contains("Send the 2026-11-20 digest again").contains("No votes");
        long alice = site.paperboy.subscribers().find("alice@example.org").orElseThrow().id();
        site.paperboy.subscriptions().votes().vote(alice, "paper-<b>", false, java.time.Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(site.readerPage("alice@example.org")).contains("Fewer like this").contains("paper-&lt;b&gt;");
        assertThat(site.get("/admin/reader?email=nobody@example.org", right).statusCode()).isEqualTo(404);
        assertThat(site.get("/admin/reader?email=%3Cscript%3E", right).body()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void formsWithoutAValidTokenOrFromAnotherSiteAreRefused() throws Exception {
        start(AdminFixture.ADMIN);
        String alice = site.form(site.readerPage("alice@example.org"), "unsubscribe");
        String bob = site.form(site.readerPage("bob@example.org"), "unsubscribe");
        String aliceId = alice.substring(3, alice.indexOf('&'));
        String self = site.base();
        assertThat(site.post("/admin/reader/unsubscribe", "id=" + aliceId, right, self).statusCode()).as("no token").isEqualTo(403);
        assertThat(site.post("/admin/reader/unsubscribe", "id=" + aliceId + bob.substring(bob.indexOf('&')), right, self).statusCode())
                .as("Bob's token for Alice").isEqualTo(403);
        assertThat(site.post("/admin/reader/resend", alice, right, self).statusCode()).as("the unsubscribe token for resend").isEqualTo(403);
        assertThat(site.post("/admin/reader/unsubscribe", alice, right, "https://evil.example").statusCode()).as("another origin").isEqualTo(403);
        assertThat(site.post("/admin/reader/unsubscribe", alice, right, "null", "cross-site").statusCode()).as("a cross-site form")
                .isEqualTo(403);
        assertThat(site.post("/admin/reader/unsubscribe", alice, right, "null").statusCode()).as("Origin null, unvouched").isEqualTo(403);
        assertThat(site.post("/admin/reader/unsubscribe", alice, AdminFixture.basic("admin", "wrong password 1"), self).statusCode())
                .as("wrong login").isEqualTo(401);
        assertThat(site.paperboy.subscribers().find("alice@example.org").orElseThrow().status()).isEqualTo(Status.CONFIRMED);
    }

    @Test
    void unsubscribesAReader() throws Exception {
        start(AdminFixture.ADMIN);
        String form = site.form(site.readerPage("alice@example.org"), "unsubscribe");
        HttpResponse<String> done = site.post("/admin/reader/unsubscribe", form, right, site.base());
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/admin/reader?email=alice%40example.org&done=unsubscribed");
        var alice = site.paperboy.subscribers().find("alice@example.org").orElseThrow();
        assertThat(alice.status()).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(alice.unsubscribeReason()).isEqualTo(org.paperboy.subscribers.UnsubscribeReason.ADMIN);
        assertThat(site.paperboy.subscribers().find("bob@example.org").orElseThrow().status()).isEqualTo(Status.CONFIRMED);
        assertThat(site.readerPage("alice@example.org")).contains("unsubscribed").doesNotContain("id=\"resend\"");
    }

    @Test
    void sendsAReaderTheirLatestDigestAgainAsACopyOutsideTheOutbox() throws Exception {
        start(AdminFixture.ADMIN);
        site.sendFriday();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        String historyBefore = site.paperboy.stats().history(reader("alice@example.org"), 10).toString();
        String form = site.form(site.readerPage("alice@example.org"), "resend");
        HttpResponse<String> done = site.post("/admin/reader/resend", form, right, site.base());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        List<MimeMessage> toAlice = Arrays.stream(greenMail.getReceivedMessages()).filter(m -> recipient(m).equals("alice@example.org")).toList();
        assertThat(toAlice).hasSize(2);
        assertThat(toAlice.get(1).getSubject()).isEqualTo(toAlice.get(0).getSubject());
        assertThat(toAlice.get(1).getMessageID()).isNotEqualTo(toAlice.get(0).getMessageID());
        assertThat(toAlice.get(1).getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(site.paperboy.stats().history(reader("alice@example.org"), 10).toString()).as("the outbox row is untouched")
                .isEqualTo(historyBefore);
        assertThat(site.readerPage("alice@example.org")).doesNotContain("id=\"done\"");
        assertThat(site.get(done.headers().firstValue("Location").orElseThrow(), right).body()).contains("a copy of the digest went to this reader");
    }

    @Test
    void aReaderWithNoDigestYetCannotBeSentOneAgain() throws Exception {
        start(AdminFixture.ADMIN);
        String page = site.readerPage("alice@example.org");
        assertThat(page).doesNotContain("id=\"resend\"");
    }

    private long reader(String email) {
        return site.paperboy.subscribers().find(email).orElseThrow().id();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
