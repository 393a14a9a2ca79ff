package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Votes;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/**
 * "More like this" and "Fewer like this" under every paper of a real mail (HTML and text), signed
 * for the reader and the paper; followed against the real pages: a GET (a scanner, a prefetch)
 * records nothing, the POST records the vote once, undo and the preferences page take it back.
 */
class VoteLinksIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    static final Pattern HTML_LINK = Pattern.compile("href=\"https://news\\.paperboy\\.test(/(more|fewer)/([A-Za-z0-9_.-]+))\"[^>]*>([^<]*)</a>");
    static final Pattern TEXT_LINK = Pattern.compile("(More|Fewer) like this:\\s+https://news\\.paperboy\\.test/(more|fewer)/([A-Za-z0-9_.-]+)");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Paperboy paperboy;
    private WebServer web;
    private long alice;
    private long bob;
    private long dave;

    @BeforeEach
    void start() {
        paperboy = Paperboy.wire(TestSetup.config(dir, smtp.getSmtp().getPort(), null), clock);
        web = Webs.start(paperboy, paperboy.config().web(), clock);
        alice = reader("alice@example.org");
        bob = reader("bob@example.org");
        dave = reader("dave@example.org");
        paperboy.send(paperboy.deliveryRun(), FRIDAY, List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
    }

    @AfterEach
    void stop() {
        web.close();
        paperboy.close();
    }

    private long reader(String email) {
        return paperboy.subscriptions().subscribe(email, Preferences.NONE, Frequency.DAILY,
                new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run).subscriber().id();
    }

    private Votes votes() {
        return paperboy.subscriptions().votes();
    }

    private static String part(String email, String type) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(email)) {
                MimeMultipart alternative = (MimeMultipart) m.getContent();
                for (int i = 0; i < alternative.getCount(); i++) {
                    BodyPart p = alternative.getBodyPart(i);
                    if (p.isMimeType(type)) {
                        return (String) p.getContent();
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " part mailed to " + email);
    }

    private List<String> sentPapers(long reader) {
        return paperboy.database().transaction(c -> {
            try (var ps = c.prepareStatement("SELECT v.paper_ids FROM delivery d JOIN delivery_variant v ON v.digest_date = d.digest_date"
                    + " AND v.variant_key = d.variant_key WHERE d.subscriber_id = ?")) {
                ps.setLong(1, reader);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return List.of(rs.getString(1).split(","));
                }
            }
        });
    }

    private static String paperOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private List<String> links(String email) throws Exception {
        List<String> paths = new ArrayList<>();
        Matcher m = HTML_LINK.matcher(part(email, "text/html"));
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return Webs.get(http, web, path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return Webs.post(http, web, path, body);
    }

    @Test
    void everyPaperOfTheMailCarriesBothLinksSignedForItsReader() throws Exception {
        Set<String> papers = new LinkedHashSet<>(sentPapers(alice));
        assertThat(papers).hasSizeGreaterThan(5);

        Set<String> more = new LinkedHashSet<>();
        Set<String> fewer = new LinkedHashSet<>();
        Matcher html = HTML_LINK.matcher(part("alice@example.org", "text/html"));
        while (html.find()) {
            assertThat(html.group(4)).as("the visible text").isEqualTo(html.group(2).equals("more") ? "More like this" : "Fewer like this");
            assertThat(html.group(3)).startsWith(alice + ".");
            (html.group(2).equals("more") ? more : fewer).add(paperOf(html.group(3)));
        }
        assertThat(more).as("HTML: More like this under every paper").isEqualTo(papers);
        assertThat(fewer).as("HTML: Fewer like this under every paper").isEqualTo(papers);

        Set<String> textMore = new LinkedHashSet<>();
        Set<String> textFewer = new LinkedHashSet<>();
        Matcher text = TEXT_LINK.matcher(part("alice@example.org", "text/plain"));
        while (text.find()) {
            (text.group(2).equals("more") ? textMore : textFewer).add(paperOf(text.group(3)));
        }
        assertThat(textMore).as("the text twin too").isEqualTo(papers);
        assertThat(textFewer).isEqualTo(papers);
        assertThat(links("bob@example.org")).allMatch(p -> p.contains("/" + bob + "."));
    }

    @Test
    void aPrefetchVotesNothingThePostVotesOnceAndUndoTakesItBack() throws Exception {
        List<String> links = links("alice@example.org");
        for (String path : links) {
            assertThat(get(path).statusCode()).isEqualTo(200);
        }
        assertThat(votes().of(alice)).as("a link scanner following every link votes nothing").isEmpty();

        String more = links.get(0);
        String token = more.substring(more.lastIndexOf('/') + 1);
        String paper = paperOf(token);
        HttpResponse<String> page = get(more);
        assertThat(page.body()).contains("<form method=\"post\" action=\"" + more + "\"").contains(">More like this</button>");

        HttpResponse<String> voted = post(more, "");
        assertThat(voted.statusCode()).isEqualTo(200);
        assertThat(voted.body()).contains("Thanks, noted").contains("action=\"/undo/" + token + "\"").contains("/preferences/");
        assertThat(post(more, "").statusCode()).as("the same vote again").isEqualTo(200);
        assertThat(votes().of(alice)).singleElement().satisfies(v -> {
            assertThat(v.paperId()).isEqualTo(paper);
            assertThat(v.more()).isTrue();
            assertThat(v.title()).as("the title kept when the digest was planned").isNotEqualTo(paper);
        });
        assertThat(get(more).body()).contains("Already noted");

        assertThat(post("/fewer/" + token, "").statusCode()).isEqualTo(200);
        assertThat(votes().of(alice)).singleElement().satisfies(v -> assertThat(v.more()).isFalse());
        assertThat(post("/undo/" + token, "").body()).contains("Vote undone");
        assertThat(votes().of(alice)).isEmpty();
    }

    @Test
    void aForgedOrMovedTokenVotesForNobody() throws Exception {
        String token = links("alice@example.org").get(0).replaceFirst("^/more/", "");
        String[] parts = token.split("\\.");
        String otherPaper = Base64.getUrlEncoder().withoutPadding().encodeToString("2501.00001".getBytes(StandardCharsets.UTF_8));
        for (String forged : List.of(bob + "." + parts[1] + "." + parts[2], parts[0] + "." + otherPaper + "." + parts[2],
                parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length()), "1.2.3")) {
            assertThat(post("/more/" + forged, "").statusCode()).as(forged).isEqualTo(400);
            assertThat(get("/more/" + forged).statusCode()).isEqualTo(400);
        }
        assertThat(votes().of(alice)).isEmpty();
        assertThat(votes().of(bob)).isEmpty();
    }

    @Test
    void thePreferencesPageListsVotesWithUndoAndAReset() throws Exception {
        List<String> links = links("alice@example.org");
        List<String> mores = links.stream().filter(p -> p.startsWith("/more/")).toList();
        List<String> fewers = links.stream().filter(p -> p.startsWith("/fewer/")).toList();
        post(mores.get(0), "");
        post(mores.get(1), "");
        post(fewers.get(2), "");
        String prefs = "/preferences/" + paperboy.subscriptions().preferencesToken(alice);
        String page = get(prefs).body();
        assertThat(page).contains("More like these").contains("Fewer like these");
        for (Votes.Vote v : votes().of(alice)) {
            assertThat(page).contains(v.title().replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;"));
        }
        assertThat(page).containsPattern("action=\"/undo/" + alice + "\\.[^\"]+\"");

        assertThat(post(prefs, "resetVotes=1").statusCode()).isEqualTo(200);
        assertThat(votes().of(alice)).isEmpty();
        assertThat(get(prefs).body()).contains("None yet");
    }

    @Test
    void theNextDigestFollowsTheVotesAndANonVoterGetsTheSameDigestAsBefore() throws Exception {
        List<String> mores = links("alice@example.org").stream().filter(p -> p.startsWith("/more/")).toList();
        List<String> fewers = links("alice@example.org").stream().filter(p -> p.startsWith("/fewer/")).toList();
        Set<String> liked = new LinkedHashSet<>();
        for (int i : new int[] {5, 8, 11}) {
            assertThat(post(mores.get(i), "").statusCode()).isEqualTo(200);
            liked.add(paperOf(mores.get(i).substring(6)));
        }
        for (int i : new int[] {0, 1}) {
            assertThat(post(fewers.get(i), "").statusCode()).isEqualTo(200);
        }
        assertThat(scalar("SELECT COUNT(*) FROM paper WHERE vector IS NOT NULL AND model IS NOT NULL"))
                .as("the papers mailed are kept with their vectors").isPositive();

        smtp.purgeEmailFromAllMailboxes();
        paperboy.send(paperboy.deliveryRun(), FRIDAY.plusDays(3), List.of("seeds"), new DeliveryRun.Options(false, null, false, null));

        String aliceMail = part("alice@example.org", "text/plain");
        assertThat(aliceMail).as("the reason says why, in words").containsPattern("like \"[^\"]+\", which you liked");
        List<String> bobPapers = papersOf("bob@example.org");
        List<String> alicePapers = papersOf("alice@example.org");
        assertThat(alicePapers).as("alice's digest moved with her votes").isNotEqualTo(bobPapers);
        assertThat(scalar("SELECT COUNT(DISTINCT variant_key) FROM delivery WHERE digest_date = '" + FRIDAY.plusDays(3)
                + "' AND subscriber_id IN (" + bob + ", " + dave + ")")).as("readers who never voted still share one digest").isEqualTo(1);
        assertThat(papersOf("dave@example.org")).isEqualTo(bobPapers);
        assertThat(part("bob@example.org", "text/plain")).doesNotContain("which you liked");
    }

    private int scalar(String sql) {
        return paperboy.database().transaction(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return Integer.valueOf(rs.getInt(1));
            }
        });
    }

    /** The papers of the reader's mail, in order, by their vote links. */
    private List<String> papersOf(String email) throws Exception {
        List<String> papers = new ArrayList<>();
        for (String path : links(email)) {
            if (path.startsWith("/more/")) {
                papers.add(paperOf(path.substring(6)));
            }
        }
        return papers;
    }
}
