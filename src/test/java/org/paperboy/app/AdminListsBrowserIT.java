package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.Axe;
import org.paperboy.testing.Browser;

/**
 * The admin pages an operator uses every day, in headless Chromium on a phone (375 px) and a laptop
 * (1024 px), light and dark: nothing wider than the screen and no axe-core WCAG A/AA violation on
 * any of them; the search finds "bob"; the filters and the pages of a list longer than one page
 * show every matching reader exactly once; the returned-mail log shows unverified and unmatched
 * reports with their reason.
 */
class AdminListsBrowserIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final String LONG = "a-very-long-local-part-that-goes-on-and-on-and-on-and-on-12345678@a-rather-long-domain-name-for-testing.example.org";
    /** Readers besides Alice and Bob: even ones chose rl, odd ones llm; every third is weekly. */
    static final int MORE = 120;

    @TempDir
    static Path dir;
    static AdminFixture site;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        site = new AdminFixture(dir, greenMail, AdminFixture.ADMIN);
        for (int i = 0; i < MORE; i++) {
            site.paperboy.subscriptions().subscribe("reader" + i + "@example.org", Preferences.of(List.of(i % 2 == 0 ? "rl" : "llm"),
                    List.of()), i % 3 == 0 ? Frequency.WEEKLY : Frequency.DAILY,
                    new Consent("cli", null, null, "v1", Instant.parse("2026-11-02T00:00:00Z")), true, Runnable::run);
        }
        site.paperboy.subscriptions().subscribe("Bob.Smith@Example.com", Preferences.NONE, Frequency.DAILY,
                new Consent("cli", null, null, "v1", Instant.parse("2026-11-03T00:00:00Z")), true, Runnable::run);
        site.paperboy.subscriptions().subscribe(LONG, Preferences.of(List.of("rl", "llm", "vision", "agents"), List.of()),
                Frequency.DAILY, new Consent("cli", null, null, "v1", Instant.parse("2026-11-03T00:00:00Z")), true, Runnable::run);
        site.sendFriday();
        long bob = site.paperboy.subscribers().find("bob@example.org").orElseThrow().id();
        event("forged-1", "bob@example.org", bob, "unverified", "hard", "no-such-user", "550 5.1.1 <bob@example.org>: user unknown");
        event("stray-1", "stranger@elsewhere.org", null, "unmatched", "soft", "mailbox-full", "452 4.2.2 mailbox full");
        browser = Browser.start(1024, 800);
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", AdminFixture.basic("admin", AdminFixture.PASSWORD))));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void everyAdminPageFitsAPhoneAndALaptopInLightAndDarkWithoutAViolation() {
        for (String page : List.of("/admin", "/admin/readers", "/admin/readers?topic=rl&frequency=weekly", "/admin/returned",
                "/admin/reader", "/admin/reader?email=alice@example.org", "/admin/reader?email=" + LONG, "/admin/readers?q=nobody-at-all",
                "/admin/no-such-page")) {
            browser.get(site.base() + page);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(page).isNotEmpty();
            Axe.checkEverywhere(browser, page, 375, 1024);
            if (page.equals("/admin/readers") || page.equals("/admin/returned") || page.equals("/admin")) {
                screenshots(page.equals("/admin") ? "admin-dashboard" : "admin-" + page.substring("/admin/".length()));
            }
        }
    }

    /** Saves the page at 375 and 1024 px, light and dark, under target/screenshots, for a person to look at. */
    private static void screenshots(String name) {
        try {
            Path shots = java.nio.file.Files.createDirectories(Path.of("target", "screenshots"));
            for (int width : new int[] {375, 1024}) {
                for (boolean dark : new boolean[] {false, true}) {
                    Axe.width(browser, width);
                    Axe.scheme(browser, dark);
                    java.nio.file.Files.write(shots.resolve(name + "-" + (dark ? "dark" : "light") + "-" + width + ".png"),
                            browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
                }
            }
            Axe.scheme(browser, false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theSearchFindsBobByPartOfTheAddressInAnyCase() {
        Axe.width(browser, 375);
        browser.get(site.base() + "/admin");
        browser.findElement(By.linkText("Find a reader")).click();
        wait(d -> !d.findElements(By.id("email")).isEmpty());
        browser.findElement(By.id("email")).sendKeys("BOB");
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait(d -> !d.findElements(By.id("readers")).isEmpty());
        assertThat(column(0)).containsExactlyInAnyOrder("bob@example.org", "Bob.Smith@example.com");
        assertThat(Axe.overflow(browser)).isZero();
        browser.findElement(By.linkText("bob@example.org")).click();
        wait(d -> !d.findElements(By.id("reader")).isEmpty());
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("confirmed");
        Axe.width(browser, 1024);
    }

    @Test
    void pagingThroughTheWholeListShowsEveryReaderExactlyOnce() {
        browser.get(site.base() + "/admin/readers");
        List<String> seen = walk();
        assertThat(seen).hasSize(MORE + 4).doesNotHaveDuplicates()
                .contains("alice@example.org", "bob@example.org", "Bob.Smith@example.com", LONG, "reader0@example.org", "reader119@example.org");
        // and back: "Newer" from the last page leads to the page before it
        browser.findElement(By.id("previous")).click();
        wait(d -> !d.findElements(By.id("next")).isEmpty());
        assertThat(column(0)).hasSize(50).containsExactlyElementsOf(seen.subList(50, 100));
    }

    @Test
    void theFiltersNarrowTheListAndItsPagesKeepThem() {
        browser.get(site.base() + "/admin/readers");
        new Select(browser.findElement(By.id("topic"))).selectByValue("rl");
        new Select(browser.findElement(By.id("frequency"))).selectByValue("weekly");
        new Select(browser.findElement(By.id("status"))).selectByValue("confirmed");
        browser.findElement(By.id("apply")).click();
        wait(d -> d.getCurrentUrl().contains("topic=rl"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MORE; i++) {
            if (i % 2 == 0 && i % 3 == 0) {
                expected.add("reader" + i + "@example.org");
            }
        }
        assertThat(walk()).containsExactlyInAnyOrderElementsOf(expected);

        browser.get(site.base() + "/admin/readers?topic=rl&size=7");
        List<String> rl = walk();
        assertThat(rl).hasSize(MORE / 2 + 1).doesNotHaveDuplicates().contains(LONG).allMatch(e -> e.equals(LONG)
                || Integer.parseInt(e.replaceAll("\\D", "")) % 2 == 0);

        browser.get(site.base() + "/admin/readers?from=2026-11-03&to=2026-11-03");
        assertThat(column(0)).containsExactlyInAnyOrder("Bob.Smith@example.com", LONG);
        browser.get(site.base() + "/admin/readers?status=vip");
        assertThat(browser.findElement(By.id("problem")).getText()).contains("There is no status \"vip\"");
    }

    @Test
    void theReturnedMailLogShowsUnverifiedAndUnmatchedReportsWithTheirReason() {
        browser.get(site.base() + "/admin/returned");
        String log = browser.findElement(By.id("returned")).getText();
        assertThat(log).contains("unverified").contains("no-such-user").contains("550 5.1.1 <bob@example.org>: user unknown")
                .contains("unmatched").contains("mailbox-full").contains("stranger@elsewhere.org");
        new Select(browser.findElement(By.id("provenance"))).selectByValue("unmatched");
        browser.findElement(By.id("apply")).click();
        wait(d -> d.getCurrentUrl().contains("provenance=unmatched"));
        assertThat(column(3)).containsExactly("stranger@elsewhere.org");
        assertThat(column(4)).containsExactly("mailbox-full");
        browser.get(site.base() + "/admin/returned?provenance=verified");
        assertThat(browser.findElement(By.id("none")).getText()).isEqualTo("No returned mail of this kind.");
    }

    /** Follows the "Older" links from the page shown to the last; the addresses of every page, in order. */
    private static List<String> walk() {
        List<String> seen = new ArrayList<>(column(0));
        while (!browser.findElements(By.id("next")).isEmpty()) {
            String url = browser.getCurrentUrl();
            browser.findElement(By.id("next")).click();
            wait(d -> !d.getCurrentUrl().equals(url));
            seen.addAll(column(0));
        }
        return seen;
    }

    /** The texts of one column of the page's list. */
    private static List<String> column(int index) {
        List<String> cells = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("table tr"))) {
            List<WebElement> tds = row.findElements(By.tagName("td"));
            if (tds.size() > index) {
                cells.add(tds.get(index).getText());
            }
        }
        return cells;
    }

    private static void wait(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(condition::apply);
    }

    private static void event(String mailKey, String recipient, Long subscriberId, String matchedBy, String kind, String reason,
                              String diagnostic) {
        site.paperboy.database().transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bounce_event (mail_key, recipient, received_at, subscriber_id,"
                    + " matched_by, kind, status_code, reason, diagnostic, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'recorded')")) {
                ps.setString(1, mailKey);
                ps.setString(2, recipient);
                ps.setTimestamp(3, Timestamp.from(Instant.parse("2026-11-21T09:00:00Z")));
                ps.setObject(4, subscriberId);
                ps.setString(5, matchedBy);
                ps.setString(6, kind);
                ps.setString(7, diagnostic.substring(0, 3));
                ps.setString(8, reason);
                ps.setString(9, diagnostic);
                return ps.executeUpdate();
            }
        });
    }
}
