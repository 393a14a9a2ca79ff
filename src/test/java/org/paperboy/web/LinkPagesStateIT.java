package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.digest.DigestArchive;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/**
 * Every page behind a link says where the reader stands before it offers anything, in each state a
 * reader can be in; and a GET (a mail scanner, a prefetch) never changes that state.
 */
class LinkPagesStateIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String ROBOTICS = "Robotics, control and embodied AI";
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
    void anAlreadyUnsubscribedReaderOpeningTheUnsubscribeLinkIsToldSoAndOfferedAWayBack() throws Exception {
        long id = confirmed("ada@example.org", "robotics", "diffusion");
        String unsubscribe = path(paperboy.subscriptions().unsubscribeUrl(id));
        assertThat(post(unsubscribe, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);

        HttpResponse<String> page = get(unsubscribe);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(heading(page)).isEqualTo("You are already unsubscribed");
        assertThat(text(page)).contains("ada@example.org is unsubscribed since 20 November 2026: we send it no mail.");
        assertThat(page.body()).as("no unsubscribe button: a way to subscribe again")
                .doesNotContain("action=\"" + unsubscribe + "\"").contains("action=\"/subscribe\"").contains(">Subscribe again</button>")
                .contains("name=\"topics\" value=\"robotics\"").contains("name=\"topics\" value=\"diffusion\"");
    }

    @Test
    void aSubscribedReaderOpeningTheUnsubscribeLinkSeesWhatTheyGetThenTheButtonAndTheGetChangesNothing() throws Exception {
        long id = confirmed("ben@example.org", "robotics");
        String unsubscribe = path(paperboy.subscriptions().unsubscribeUrl(id));

        HttpResponse<String> page = get(unsubscribe);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page)).contains("ben@example.org gets the daily digest on " + ROBOTICS + ". Press the button to stop it.");
        assertThat(page.body().indexOf("gets the daily digest")).as("the state comes before the button")
                .isLessThan(page.body().indexOf("action=\"" + unsubscribe + "\""));
        assertThat(status("ben@example.org")).as("a GET unsubscribes nobody").isEqualTo(Status.CONFIRMED);
    }

    @Test
    void aConfirmationLinkFirstSaysTheAddressWaitsAndTheConfirmedPageNamesTheTopicsAndLinksThePreferences() throws Exception {
        post("/subscribe", "email=cleo%40example.org&topics=robotics&topics=diffusion&frequency=weekly");
        String confirm = confirmLinkMailedTo("cleo@example.org");

        HttpResponse<String> page = get(confirm);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page)).contains("cleo@example.org is waiting for confirmation: the weekly digest on ")
                .contains("press the button to start receiving it");
        assertThat(page.body()).contains("action=\"" + confirm + "\"");
        assertThat(status("cleo@example.org")).as("a GET confirms nobody").isEqualTo(Status.PENDING);

        HttpResponse<String> confirmed = post(confirm, "");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(heading(confirmed)).isEqualTo("You are subscribed");
        assertThat(text(confirmed)).contains("Thank you: cleo@example.org gets the weekly digest " + topicsSentence("robotics", "diffusion") + ".")
                .doesNotContain("these topics:");
        String preferences = path(paperboy.subscriptions().preferencesUrl(id("cleo@example.org")));
        assertThat(confirmed.body()).contains("<a href=\"" + preferences + "\">your preferences</a>");
        assertThat(get(preferences).statusCode()).isEqualTo(200);
    }

    @Test
    void aUsedConfirmationLinkSaysOnTheGetThatTheAddressIsAlreadyConfirmed() throws Exception {
        post("/subscribe", "email=dora%40example.org&topics=robotics");
        String confirm = confirmLinkMailedTo("dora@example.org");
        assertThat(post(confirm, "").statusCode()).isEqualTo(200);

        HttpResponse<String> again = get(confirm);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(heading(again)).isEqualTo("Already confirmed");
        assertThat(text(again)).contains("dora@example.org is already confirmed: it gets the daily digest on " + ROBOTICS + ".")
                .doesNotContain("press the button");
        assertThat(again.body()).doesNotContain("action=\"" + confirm + "\"")
                .contains("href=\"" + path(paperboy.subscriptions().preferencesUrl(id("dora@example.org"))) + "\"");
        assertThat(post(confirm, "").statusCode()).as("pressing again changes nothing and says the same").isEqualTo(200);
    }

    @Test
    void anExpiredConfirmationLinkSaysSoOnTheGetAndOffersANewLink() throws Exception {
        post("/subscribe", "email=eve%40example.org&topics=robotics");
        String confirm = confirmLinkMailedTo("eve@example.org");
        clock.advance(Duration.ofHours(73));

        HttpResponse<String> page = get(confirm);

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(heading(page)).isEqualTo("This link has expired");
        assertThat(text(page)).contains("Confirmation links work for 72 hours.")
                .contains("eve@example.org is not subscribed yet").contains("Subscribe again to get a new link");
        assertThat(page.body()).doesNotContain("action=\"" + confirm + "\"").contains("action=\"/subscribe\"");
        assertThat(status("eve@example.org")).isEqualTo(Status.PENDING);
    }

    @Test
    void aConfirmationLinkOfAReaderWhoLeftSinceSaysTheyAreUnsubscribed() throws Exception {
        post("/subscribe", "email=finn%40example.org");
        String confirm = confirmLinkMailedTo("finn@example.org");
        post(confirm, "");
        paperboy.subscriptions().unsubscribeAddress("finn@example.org");

        HttpResponse<String> page = get(confirm);

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(heading(page)).isEqualTo("You are unsubscribed");
        assertThat(text(page)).contains("This confirmation link was used. finn@example.org is unsubscribed since");
        assertThat(page.body()).contains(">Subscribe again</button>");
    }

    @Test
    void thePreferencesPageFirstSaysWhatTheReaderGets() throws Exception {
        long id = confirmed("gus@example.org", "robotics");
        String preferences = path(paperboy.subscriptions().preferencesUrl(id));

        HttpResponse<String> subscribed = get(preferences);
        assertThat(text(subscribed)).contains("gus@example.org gets the daily digest on " + ROBOTICS + ". Change it here:");
        assertThat(subscribed.body().indexOf("gets the daily digest")).isLessThan(subscribed.body().indexOf("name=\"topics\""));
        assertThat(subscribed.body()).contains(">Unsubscribe</button>").doesNotContain("Subscribe again");

        paperboy.subscriptions().unsubscribeAddress("gus@example.org");
        HttpResponse<String> gone = get(preferences);
        assertThat(text(gone)).contains("gus@example.org is unsubscribed since 20 November 2026: we send it no mail.")
                .contains("sends nothing until you subscribe again");
        assertThat(gone.body()).contains(">Subscribe again</button>").doesNotContain(">Unsubscribe</button>");
    }

    @Test
    void thePreferencesPageOfAPendingReaderSaysTheyAreNotSubscribedYet() throws Exception {
        post("/subscribe", "email=hana%40example.org");
        confirmLinkMailedTo("hana@example.org");

        HttpResponse<String> page = get(path(paperboy.subscriptions().preferencesUrl(id("hana@example.org"))));

        assertThat(text(page)).contains("hana@example.org is not subscribed yet: the subscription waits for the confirmation link")
                .contains("What you choose here holds once it is confirmed.");
    }

    @Test
    void votePagesSayTheCurrentVoteAndWhetherTheReaderGetsADigestBeforeTheButton() throws Exception {
        long id = confirmed("ida@example.org", "robotics");
        String token = paperboy.subscriptions().voteToken(id, "2511.00001");

        HttpResponse<String> fresh = get("/more/" + token);
        assertThat(text(fresh)).contains("You have not voted on this paper yet.");
        assertThat(fresh.body().indexOf("You have not voted")).isLessThan(fresh.body().indexOf("action=\"/more/" + token + "\""));

        paperboy.subscriptions().votes().vote(id, "2511.00001", false, clock.instant());
        HttpResponse<String> changed = get("/more/" + token);
        assertThat(text(changed)).contains("You asked for fewer papers like this one. Press the button to change that.");
        HttpResponse<String> same = get("/fewer/" + token);
        assertThat(text(same)).contains("Already noted: your digest shows fewer papers like this one.");
        assertThat(same.body()).doesNotContain("action=\"/fewer/" + token + "\"");

        paperboy.subscriptions().unsubscribeAddress("ida@example.org");
        HttpResponse<String> gone = get("/more/" + token);
        assertThat(text(gone)).contains("ida@example.org is unsubscribed since 20 November 2026: we send it no mail."
                + " A vote here is kept for when you subscribe again.");
        assertThat(paperboy.subscriptions().votes().of(id)).as("GETs vote nothing").singleElement()
                .satisfies(v -> assertThat(v.more()).isFalse());
    }

    private long confirmed(String email, String... topics) {
        return paperboy.subscriptions().subscribe(email, Preferences.of(List.of(topics), List.of()), Frequency.DAILY,
                new Consent("cli", null, null, "test", clock.instant()), true, Runnable::run).subscriber().id();
    }

    private String topicsSentence(String first, String second) {
        List<String> names = paperboy.classifier().taxonomy().topics().stream().filter(t -> t.slug().equals(first) || t.slug().equals(second))
                .map(t -> t.name()).toList();
        return "on 2 topics: " + names.get(0) + "; " + names.get(1);
    }

    private long id(String email) {
        return paperboy.subscribers().find(email).orElseThrow().id();
    }

    private Status status(String email) {
        return paperboy.subscribers().find(email).orElseThrow().status();
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    private static String heading(HttpResponse<String> page) {
        Matcher h1 = Pattern.compile("<h1>([^<]*)</h1>").matcher(page.body());
        return h1.find() ? h1.group(1) : null;
    }

    /** The page's words, without tags and with entities undone, as a reader sees them. */
    private static String text(HttpResponse<String> page) {
        return page.body().replaceAll("<[^>]+>", " ").replace("&#39;", "'").replace("&amp;", "&").replaceAll("\\s+", " ");
    }

    private String confirmLinkMailedTo(String email) throws Exception {
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).as("the subscription was handled").isTrue();
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

    private HttpResponse<String> get(String path) throws Exception {
        return Webs.get(http, web, path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return Webs.post(http, web, path, body);
    }
}
