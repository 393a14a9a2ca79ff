package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.paperboy.app.Paperboy;
import org.paperboy.digest.DigestArchive;
import org.paperboy.digest.Email;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.Ranker;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.Browser;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/**
 * The digest and every public page in headless Chromium, light and dark, on a phone (375 px) and
 * a laptop (1024 px). Each is saved under {@code target/screenshots/} for a person to look at, and
 * checked the way a reader would: dark mode really turns the card and the form fields dark, the
 * day's top paper leads, the archive names nobody, the unsubscribe page names the address and
 * subscribes it again.
 */
class PagesScreenshotIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final Path SHOTS = Path.of("target", "screenshots");
    static final LocalDate DAY = LocalDate.of(2026, 6, 3);
    static final String DARK_CARD = "rgba(22, 27, 38, 1)";
    static final int[] WIDTHS = {375, 1024};

    @TempDir
    static Path dir;
    static Paperboy paperboy;
    static WebServer web;
    static ChromeDriver browser;
    static String base;
    static Email mail;

    @BeforeAll
    static void start() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-03T08:00:00Z"));
        paperboy = Paperboy.wire(TestSetup.config(dir, smtp.getSmtp().getPort(), null), clock);
        web = WebServer.start(paperboy.config().web(), paperboy.subscriptions(), paperboy.renderer(), paperboy.config().email(),
                paperboy.classifier().taxonomy().topics(), new DigestArchive(paperboy.database().dataSource()), clock);
        base = "http://127.0.0.1:" + web.port();
        Ranker ranker = paperboy.ranker(List.of("src/test/resources/ranking/trending-day.json"), DAY);
        Digest general = ranker.general();
        Email archived = paperboy.renderer().render(general).fill("a subscriber", base + "/", base + "/");
        new DigestArchive(paperboy.database().dataSource()).publish(DAY, archived.subject(), general.paperCount(), archived.html(),
                clock.instant());
        mail = paperboy.renderer().render(ranker.rank(Preferences.of(List.of("vision", "agents"), List.of()), Set.of()))
                .fill("ada@example.org", base + "/unsubscribe/x", base + "/preferences/x");
        Files.createDirectories(SHOTS);
        Files.writeString(SHOTS.resolve("digest.html"), mail.html());
        browser = Browser.start(1024, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (web != null) {
            web.close();
        }
        if (paperboy != null) {
            paperboy.close();
        }
    }

    @Test
    void theDigestMailReadsInLightAndDarkAndLeadsWithTheReadersMatches() {
        shoot("digest", SHOTS.resolve("digest.html").toAbsolutePath().toUri().toString());
        dark(true);
        browser.get(SHOTS.resolve("digest.html").toAbsolutePath().toUri().toString());
        assertThat(background(".cd")).isEqualTo(DARK_CARD);
        dark(false);
        assertThat(browser.findElements(By.cssSelector("h2")).get(0).getText()).isEqualTo("Top papers for you");
        assertThat(browser.findElements(By.cssSelector("h2")).get(1).getText()).isEqualTo("Also trending today");
        assertThat(browser.findElement(By.cssSelector("a.pt")).getText()).isEqualTo("Learning Agents for Web Navigation");
        assertThat(mail.html().getBytes(StandardCharsets.UTF_8).length).isLessThan(90 * 1024);
    }

    @Test
    void aRealSampleDaysDigestLeadsWithItsMostUpvotedPaper() throws IOException {
        Path samples = Stream.of(Path.of("..", "shared", "samples", "hf-daily"), Path.of("..", "..", "shared", "samples", "hf-daily"))
                .filter(Files::isDirectory).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(samples != null, "../shared/samples/hf-daily is absent; skipping");
        LocalDate day = LocalDate.of(2026, 6, 1);
        Ranker ranker = paperboy.ranker(List.of(samples.resolve(day + ".json").toString()), day);
        Files.writeString(SHOTS.resolve("sample-general.html"), paperboy.renderer().render(ranker.general())
                .fill("ada@example.org", base + "/unsubscribe/x", base + "/preferences/x").html());
        Files.writeString(SHOTS.resolve("sample-personal.html"), paperboy.renderer()
                .render(ranker.rank(Preferences.of(List.of("vision", "robotics"), List.of()), Set.of()))
                .fill("ada@example.org", base + "/unsubscribe/x", base + "/preferences/x").html());
        shoot("sample-general", SHOTS.resolve("sample-general.html").toAbsolutePath().toUri().toString());
        shoot("sample-personal", SHOTS.resolve("sample-personal.html").toAbsolutePath().toUri().toString());
        browser.get(SHOTS.resolve("sample-general.html").toAbsolutePath().toUri().toString());
        assertThat(browser.findElement(By.cssSelector("a.pt")).getText()).isEqualTo("GrepSeek: Training Search Agents for Direct Corpus Interaction");
    }

    @Test
    void theSubscribeFormGroupsTopicsAndItsFieldsTurnDarkWithTheCard() {
        shoot("subscribe", base + "/");
        dark(true);
        browser.get(base + "/");
        assertThat(background("main")).isEqualTo(DARK_CARD);
        assertThat(background("#email")).isEqualTo("rgba(15, 20, 29, 1)");
        dark(false);
        assertThat(browser.findElements(By.cssSelector("fieldset fieldset legend")).stream().map(e -> e.getText()).toList())
                .startsWith("VISION, AUDIO AND GENERATION", "AGENTS, ROBOTS AND DECISIONS");
        assertThat(browser.findElements(By.cssSelector("input[name=frequency]"))).hasSize(2);
        assertThat(browser.findElement(By.id("privacy")).getText()).startsWith("Privacy:");
    }

    @Test
    void aPersonSubscribesWeeklyAndTheCheckInboxPageNamesTheTopics() {
        browser.get(base + "/");
        browser.findElement(By.id("email")).sendKeys("weekly@example.org");
        browser.findElement(By.cssSelector("input[name=topics][value=agents]")).click();
        browser.findElement(By.cssSelector("input[name=frequency][value=weekly]")).click();
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        Browser.waitForHeading(browser, "Check your inbox");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("weekly@example.org").contains("weekly digest")
                .contains("Agents and tool use");
        screenshot("check-inbox", 375, false);
        storedAfterTheAnswer();
        assertThat(paperboy.subscribers().find("weekly@example.org").orElseThrow().frequency()).isEqualTo(Frequency.WEEKLY);
    }

    @Test
    void theArchiveDayIsThePublicDigestWithItsOwnFooter() {
        shoot("archive", base + "/archive");
        shoot("archive-day", base + "/archive/" + DAY);
        browser.get(base + "/archive/" + DAY);
        String page = browser.getPageSource();
        assertThat(page).doesNotContain("You get this email because").doesNotContain("a subscriber").doesNotContain("View in browser")
                .contains("from the public archive");
        assertThat(browser.findElement(By.cssSelector("a.pt")).getText()).isEqualTo("How Much Does the Tokenizer Cost? A Field Study");
    }

    @Test
    void theFeedCarriesEachDaysPapers() throws Exception {
        HttpResponse<String> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/feed.xml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(feed.body()).contains("<content type=\"html\">&lt;ol&gt;&lt;li&gt;&lt;a href=&quot;https://huggingface.co/papers/2606.10004&quot;&gt;"
                + "How Much Does the Tokenizer Cost? A Field Study&lt;/a&gt;")
                .contains("A web agent learns to browse real sites with tool use.");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unsubscribingNamesTheAddressAndSubscribeAgainWorks() {
        long id = paperboy.subscriptions().subscribe("grace@example.org", Preferences.of(List.of("vision"), List.of()), Frequency.DAILY,
                new Consent("cli", null, null, "test", Instant.parse("2026-06-01T00:00:00Z")), true, Runnable::run).subscriber().id();
        String preferences = URI.create(paperboy.subscriptions().preferencesUrl(id)).getPath();
        shoot("preferences", base + preferences);
        String unsubscribe = URI.create(paperboy.subscriptions().unsubscribeUrl(id)).getPath();
        shoot("unsubscribe", base + unsubscribe);
        browser.get(base + unsubscribe);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        Browser.waitForHeading(browser, "You are unsubscribed");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("grace@example.org will get no more mail")
                .contains("Topics: Computer vision");
        for (int width : WIDTHS) {
            screenshot("unsubscribed", width, false);
        }
        dark(true);
        screenshot("unsubscribed", 375, true);
        dark(false);
        assertThat(paperboy.subscribers().find("grace@example.org").orElseThrow().status()).isEqualTo(Status.UNSUBSCRIBED);
        browser.findElement(By.xpath("//button[text()='Subscribe again']")).click();
        Browser.waitForHeading(browser, "Check your inbox");
        storedAfterTheAnswer();
        var again = paperboy.subscribers().find("grace@example.org").orElseThrow();
        assertThat(again.status()).isEqualTo(Status.PENDING);
        assertThat(again.topics()).containsExactly("vision");
    }

    @Test
    void theConfirmPageReadsInBothSchemes() {
        shoot("confirm", base + "/confirm/not-a-real-token");
    }

    /** Loads the page at each width, light and dark, and saves the whole page. */
    private static void shoot(String name, String url) {
        for (boolean dark : new boolean[] {false, true}) {
            dark(dark);
            for (int width : WIDTHS) {
                browser.manage().window().setSize(new Dimension(width, 800));
                browser.get(url);
                screenshot(name, width, dark);
            }
        }
        dark(false);
    }

    private static void screenshot(String name, int width, boolean dark) {
        browser.manage().window().setSize(new Dimension(width, 800));
        long height = (Long) browser.executeScript("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 120, 8000)));
        try {
            Files.write(SHOTS.resolve(name + "-" + (dark ? "dark" : "light") + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void dark(boolean on) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", on ? "dark" : "light"))));
    }

    /**
     * Waits for the subscribe form's queued work: the page answers before the store is touched (so
     * every address is answered alike), and the subscriber is written just after.
     */
    private static void storedAfterTheAnswer() {
        try {
            assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).as("the subscription was stored").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String background(String css) {
        return browser.findElement(By.cssSelector(css)).getCssValue("background-color");
    }
}
