package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.paperboy.app.Paperboy;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.Axe;
import org.paperboy.testing.Browser;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/**
 * Accessibility as a test: axe-core's WCAG 2.0/2.1 A and AA rules over the digest as mailed and
 * every public page, in each state a reader meets it, at 375 and 1024 px, light and dark. Any
 * violation fails, listing its rule and the elements; so does a page wider than a phone's screen.
 */
class AccessibilityIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    static final Pattern LINK = Pattern.compile("https://news\\.paperboy\\.test(/(confirm|more|fewer|unsubscribe|preferences)/[A-Za-z0-9_.-]+)");

    @TempDir
    static Path dir;
    static Paperboy paperboy;
    static WebServer web;
    static ChromeDriver browser;
    static String base;
    static long alice;

    @BeforeAll
    static void start() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
        paperboy = Paperboy.wire(TestSetup.config(dir, smtp.getSmtp().getPort(), null), clock);
        web = Webs.start(paperboy, paperboy.config().web(), clock);
        base = "http://127.0.0.1:" + web.port();
        alice = paperboy.subscriptions().subscribe("alice@example.org", Preferences.of(List.of("agents"), List.of()), Frequency.DAILY,
                new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run).subscriber().id();
        paperboy.send(paperboy.deliveryRun(), FRIDAY, List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
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
    void theDigestAsMailedHasNoViolation() throws Exception {
        Path digest = Files.writeString(dir.resolve("digest.html"), part("alice@example.org", "text/html"));
        browser.get(digest.toUri().toString());
        assertThat(browser.findElements(By.cssSelector("a.pt"))).isNotEmpty();
        Axe.checkEverywhere(browser, "the digest mailed to alice", 375, 1024);
    }

    @Test
    void theSubscribePageAndItsAnswerHaveNoViolation() {
        browser.get(base + "/");
        Axe.checkEverywhere(browser, "the subscribe page", 375, 1024);
        browser.findElement(By.id("email")).sendKeys("weekly@example.org");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        Browser.waitForHeading(browser, "Check your inbox");
        Axe.checkEverywhere(browser, "the check-your-inbox answer", 375, 1024);
    }

    @Test
    void everyConfirmationStateHasNoViolation() throws Exception {
        paperboy.subscriptions().subscribe("carol@example.org", Preferences.of(List.of("vision"), List.of()), Frequency.WEEKLY,
                new Consent("web", null, null, "v1", Instant.parse("2026-11-19T00:00:00Z")), false, Runnable::run);
        String confirm = link("carol@example.org", "confirm");
        browser.get(base + confirm);
        Axe.checkEverywhere(browser, "the confirm page", 375, 1024);
        press();
        Axe.checkEverywhere(browser, "the confirmed answer", 375, 1024);
        browser.get(base + confirm);
        Axe.checkEverywhere(browser, "a used confirmation link", 375, 1024);
        browser.get(base + "/confirm/not-a-real-token");
        Axe.checkEverywhere(browser, "an unknown confirmation link", 375, 1024);
    }

    @Test
    void theVotePagesHaveNoViolation() throws Exception {
        String more = link("alice@example.org", "more");
        browser.get(base + more);
        Axe.checkEverywhere(browser, "the More like this page", 375, 1024);
        press();
        Axe.checkEverywhere(browser, "the vote recorded answer", 375, 1024);
        browser.get(base + link("alice@example.org", "fewer"));
        Axe.checkEverywhere(browser, "the Fewer like this page", 375, 1024);
    }

    @Test
    void thePreferencesAndUnsubscribePagesHaveNoViolationBeforeAndAfter() {
        long dora = paperboy.subscriptions().subscribe("dora@example.org", Preferences.of(List.of("vision"), List.of()), Frequency.DAILY,
                new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run).subscriber().id();
        browser.get(base + URI.create(paperboy.subscriptions().preferencesUrl(dora)).getPath());
        Axe.checkEverywhere(browser, "the preferences page", 375, 1024);
        String unsubscribe = URI.create(paperboy.subscriptions().unsubscribeUrl(dora)).getPath();
        browser.get(base + unsubscribe);
        Axe.checkEverywhere(browser, "the unsubscribe page", 375, 1024);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        Browser.waitForHeading(browser, "You are unsubscribed");
        Axe.checkEverywhere(browser, "the unsubscribed answer", 375, 1024);
        browser.get(base + unsubscribe);
        Axe.checkEverywhere(browser, "the unsubscribe link of an unsubscribed reader", 375, 1024);
    }

    @Test
    void theArchiveAndTheNotFoundPageHaveNoViolation() {
        browser.get(base + "/archive");
        assertThat(browser.findElements(By.cssSelector("a[href='/archive/" + FRIDAY + "']"))).isNotEmpty();
        Axe.checkEverywhere(browser, "the archive index", 375, 1024);
        browser.get(base + "/archive/" + FRIDAY);
        Axe.checkEverywhere(browser, "an archived issue", 375, 1024);
        browser.get(base + "/no-such-page");
        Axe.checkEverywhere(browser, "the not-found page", 375, 1024);
    }

    /** Presses the page's first button and waits until the browser shows the answer, a new page. */
    private static void press() {
        browser.executeScript("document.documentElement.dataset.before = 'yes'");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Webs.PATIENCE)
                .until(d -> browser.executeScript("return document.readyState === 'complete'"
                        + " && document.documentElement.dataset.before === undefined").equals(Boolean.TRUE));
    }

    /** The first link of the kind in the last mail to the address. */
    private static String link(String email, String kind) throws Exception {
        String html = part(email, "text/html");
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            if (m.group(2).equals(kind)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no /" + kind + "/ link in the mail to " + email);
    }

    private static String part(String email, String type) throws Exception {
        assertThat(smtp.waitForIncomingEmail(Webs.PATIENCE.toMillis(), 1)).isTrue();
        String found = null;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(email)) {
                found = find(m, type);
            }
        }
        if (found == null) {
            throw new AssertionError("no " + type + " part mailed to " + email);
        }
        return found;
    }

    private static String find(MimeMessage m, String type) throws Exception {
        Object content = m.getContent();
        if (content instanceof String s) {
            return m.isMimeType(type) ? s : null;
        }
        MimeMultipart parts = (MimeMultipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            if (p.isMimeType(type)) {
                return (String) p.getContent();
            }
        }
        return null;
    }
}
