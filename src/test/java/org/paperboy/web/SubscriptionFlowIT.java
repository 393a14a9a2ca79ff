package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.digest.DigestArchive;
import org.paperboy.subscribers.Status;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/** The whole subscription flow over HTTP, with the mail going through a real SMTP server (GreenMail). */
class SubscriptionFlowIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Pattern CONFIRM_LINK = Pattern.compile("https://news\\.paperboy\\.test(/confirm/[A-Za-z0-9_-]+)");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Paperboy paperboy;
    private WebServer web;

    @BeforeEach
    void start() {
        paperboy = Paperboy.wire(TestSetup.config(dir, smtp.getSmtp().getPort(), null), clock);
        web = WebServer.start(paperboy.config().web(), paperboy.subscriptions(), paperboy.renderer(), paperboy.config().email(),
                paperboy.classifier().taxonomy().topics(), new DigestArchive(paperboy.database().dataSource()), clock);
    }

    @AfterEach
    void stop() {
        web.close();
        paperboy.close();
    }

    @Test
    void subscribeConfirmAndLeaveWithOneClick() throws Exception {
        HttpResponse<String> form = get("/");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"email\"").contains("name=\"topics\"");

        HttpResponse<String> subscribed = post("/subscribe", "email=alice%40example.org&topics=" + firstTopic());
        assertThat(subscribed.statusCode()).isEqualTo(200);
        assertThat(subscribed.body()).contains("Check your inbox");

        String confirmPath = confirmLinkMailedTo("alice@example.org");
        assertThat(status("alice@example.org")).isEqualTo(Status.PENDING);
        HttpResponse<String> page = get(confirmPath);
        assertThat(page.body()).contains("<form method=\"post\" action=\"" + confirmPath + "\"");
        assertThat(status("alice@example.org")).as("a GET, as a mail scanner makes, confirms nobody").isEqualTo(Status.PENDING);

        HttpResponse<String> confirmed = post(confirmPath, "");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        String topicName = paperboy.classifier().taxonomy().topics().get(0).name();
        assertThat(confirmed.body()).as("the page names the address and the topics chosen")
                .contains("alice@example.org").contains(topicName.replace("&", "&amp;"));
        Subscriber alice = paperboy.subscribers().find("alice@example.org").orElseThrow();
        assertThat(alice.status()).isEqualTo(Status.CONFIRMED);
        assertThat(alice.topics()).containsExactly(firstTopic());
        assertThat(alice.consent().source()).isEqualTo("web");
        assertThat(alice.consent().ip()).isEqualTo("127.0.0.1");

        String unsubscribe = URI.create(paperboy.subscriptions().unsubscribeUrl(alice.id())).getPath();
        HttpResponse<String> first = post(unsubscribe, "List-Unsubscribe=One-Click");
        HttpResponse<String> again = post(unsubscribe, "List-Unsubscribe=One-Click");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(first.headers().firstValue("Location")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(status("alice@example.org")).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(paperboy.subscribers().find("alice@example.org").orElseThrow().unsubscribeReason())
                .isEqualTo(org.paperboy.subscribers.UnsubscribeReason.ONE_CLICK);
    }

    @Test
    void everyKindOfAddressGetsTheSameAnswer() throws Exception {
        paperboy.subscriptions().subscribe("confirmed@example.org", org.paperboy.ranking.Preferences.NONE,
                org.paperboy.subscribers.Frequency.DAILY, consent(), true, Runnable::run);
        paperboy.subscriptions().subscribe("gone@example.org", org.paperboy.ranking.Preferences.NONE,
                org.paperboy.subscribers.Frequency.DAILY, consent(), true, Runnable::run);
        paperboy.subscriptions().unsubscribeAddress("gone@example.org");
        post("/subscribe", "email=pending%40example.org");
        HttpResponse<String> fresh = post("/subscribe", "email=new%40example.org");
        for (String email : new String[] {"pending@example.org", "confirmed@example.org", "gone@example.org"}) {
            HttpResponse<String> answer = post("/subscribe", "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as(email).isEqualTo(fresh.statusCode());
            // the page repeats the address typed, and nothing else differs
            assertThat(answer.body().replace(email, "ADDRESS")).as(email).isEqualTo(fresh.body().replace("new@example.org", "ADDRESS"));
        }
    }

    @Test
    void atMostOneConfirmationMailPerAddressPerHour() throws Exception {
        post("/subscribe", "email=bob%40example.org");
        post("/subscribe", "email=bob%40example.org");
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).as("both subscriptions were handled").isTrue();
        assertThat(smtp.getReceivedMessagesForDomain("bob@example.org")).hasSize(1);
        clock.advance(Duration.ofMinutes(61));
        post("/subscribe", "email=bob%40example.org");
        assertThat(smtp.waitForIncomingEmail(Webs.PATIENCE.toMillis(), 2)).isTrue();
    }

    @Test
    void aTamperedUnsubscribeTokenGets400AndChangesNothing() throws Exception {
        long id = confirmedReader("carol@example.org");
        String path = URI.create(paperboy.subscriptions().unsubscribeUrl(id)).getPath();
        String tampered = path.substring(0, path.length() - 2) + (path.endsWith("AA") ? "BB" : "AA");
        String otherId = path.replaceFirst("/unsubscribe/\\d+\\.", "/unsubscribe/" + (id + 1) + ".");
        String wrongPurpose = URI.create(paperboy.subscriptions().preferencesUrl(id)).getPath().replace("/preferences/", "/unsubscribe/");
        for (String bad : new String[] {tampered, otherId, wrongPurpose, "/unsubscribe/not-a-token"}) {
            assertThat(post(bad, "List-Unsubscribe=One-Click").statusCode()).as(bad).isEqualTo(400);
            assertThat(get(bad).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(status("carol@example.org")).isEqualTo(Status.CONFIRMED);
    }

    @Test
    void aReusedConfirmationTokenGets410() throws Exception {
        post("/subscribe", "email=dave%40example.org");
        String confirm = confirmLinkMailedTo("dave@example.org");
        assertThat(post(confirm, "").statusCode()).isEqualTo(200);
        paperboy.subscriptions().unsubscribeAddress("dave@example.org");
        assertThat(post(confirm, "").statusCode()).isEqualTo(410);
        assertThat(status("dave@example.org")).isEqualTo(Status.UNSUBSCRIBED);
    }

    @Test
    void anExpiredConfirmationTokenGets410() throws Exception {
        post("/subscribe", "email=erin%40example.org");
        String confirm = confirmLinkMailedTo("erin@example.org");
        clock.advance(Duration.ofHours(73));
        assertThat(post(confirm, "").statusCode()).isEqualTo(410);
        assertThat(status("erin@example.org")).isEqualTo(Status.PENDING);
    }

    @Test
    void anUnknownConfirmationTokenGets400() throws Exception {
        assertThat(post("/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "").statusCode()).isEqualTo(400);
    }

    @Test
    void preferencesChangeThroughTheSignedLink() throws Exception {
        long id = confirmedReader("frank@example.org");
        String path = URI.create(paperboy.subscriptions().preferencesUrl(id)).getPath();
        assertThat(get(path).body()).contains("frank@example.org");
        HttpResponse<String> saved = post(path, "topics=" + firstTopic() + "&keywords=protein+folding%2C+tokenizer&frequency=weekly");
        assertThat(saved.statusCode()).isEqualTo(200);
        Subscriber frank = paperboy.subscribers().find(id).orElseThrow();
        assertThat(frank.topics()).containsExactly(firstTopic());
        assertThat(frank.keywords()).containsExactly("protein folding", "tokenizer");
        assertThat(frank.frequency().key()).isEqualTo("weekly");
        String forged = path.replaceFirst("/preferences/\\d+\\.", "/preferences/" + (id + 7) + ".");
        assertThat(post(forged, "topics=" + firstTopic()).statusCode()).isEqualTo(400);
    }

    @Test
    void aBotFillingTheHoneypotGetsTheUsualAnswerAndNothingElse() throws Exception {
        HttpResponse<String> answer = post("/subscribe", "email=bot%40example.org&website=http%3A%2F%2Fspam.example");
        assertThat(answer.statusCode()).isEqualTo(200);
        // a subscription is stored after the answer: wait for any queued work, or a stored bot would go unseen
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();
        assertThat(paperboy.subscribers().find("bot@example.org")).isEmpty();
    }

    @Test
    void aHugeBodyIsRefused() throws Exception {
        assertThat(post("/subscribe", "email=" + "a".repeat(40_000)).statusCode()).isEqualTo(413);
    }

    @Test
    void onlyPostChangesAnything() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/subscribe")).PUT(HttpRequest.BodyPublishers.ofString("email=x%40y.org"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(get("/subscribe?email=x%40example.org").statusCode()).isEqualTo(404);
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();
        assertThat(paperboy.subscribers().find("x@example.org")).isEmpty();
    }

    @Test
    void aBadAddressIsExplainedWith400() throws Exception {
        HttpResponse<String> answer = post("/subscribe", "email=not-an-address");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Please check the address");
    }

    @Test
    void theArchiveAndItsFeedListPublishedDigests() throws Exception {
        DigestArchive archive = new DigestArchive(paperboy.database().dataSource());
        archive.publish(java.time.LocalDate.of(2026, 11, 19), "Trending papers, Nov 19: <Cats> & Dogs", 21, "<html>19</html>", clock.instant());
        archive.publish(java.time.LocalDate.of(2026, 11, 20), "Trending papers, Nov 20: Policies", 24, "<html>20</html>", clock.instant());
        assertThat(get("/archive").body()).contains("href=\"/archive/2026-11-20\"").contains("&lt;Cats&gt; &amp; Dogs");
        assertThat(get("/archive/2026-11-19").body()).isEqualTo("<html>19</html>");
        assertThat(get("/archive/2026-01-01").statusCode()).isEqualTo(404);
        HttpResponse<String> feed = get("/feed.xml");
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/atom+xml"));
        assertThat(feed.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
                .contains("<id>https://news.paperboy.test/archive/2026-11-20</id>").contains("&lt;Cats&gt; &amp; Dogs");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
    }

    private long confirmedReader(String email) {
        return paperboy.subscriptions().subscribe(email, org.paperboy.ranking.Preferences.NONE,
                org.paperboy.subscribers.Frequency.DAILY, consent(), true, Runnable::run).subscriber().id();
    }

    private org.paperboy.subscribers.Consent consent() {
        return new org.paperboy.subscribers.Consent("cli", null, null, "test", clock.instant());
    }

    private String firstTopic() {
        return paperboy.topicSlugs().get(0);
    }

    private Status status(String email) {
        return paperboy.subscribers().find(email).orElseThrow().status();
    }

    private String confirmLinkMailedTo(String email) throws Exception {
        long deadline = System.nanoTime() + Webs.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : smtp.getReceivedMessagesForDomain(email)) {
                Matcher link = CONFIRM_LINK.matcher(GreenMailUtil.getBody(m).replace("=\r\n", ""));
                if (link.find()) {
                    return link.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no confirmation mail reached " + email);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + web.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
