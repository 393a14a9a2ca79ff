package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.Browser;

/**
 * The admin pages in headless Chromium, logged in with HTTP Basic: the dashboard with its charts,
 * a reader found by address, and both actions clicked as an operator would (so the browser's own
 * Origin and Sec-Fetch-Site headers meet the CSRF check). Screenshots go to target/screenshots.
 */
class AdminBrowserIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void anOperatorReadsTheDashboardFindsAReaderSendsTheDigestAgainAndUnsubscribesThem() throws Exception {
        try (AdminFixture site = new AdminFixture(dir, greenMail, AdminFixture.ADMIN)) {
            site.sendFriday();
            ChromeDriver browser = Browser.start(1100, 2200);
            try {
                browser.executeCdpCommand("Network.enable", Map.of());
                browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                        Map.of("headers", Map.of("Authorization", AdminFixture.basic("admin", AdminFixture.PASSWORD))));
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

                browser.get(site.base() + "/admin");
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
                assertThat(browser.findElements(By.cssSelector("svg[role=img]"))).hasSize(3);
                assertThat(browser.findElement(By.id("sends")).getText()).contains("2026-11-20");
                screenshot(browser, "admin-dashboard");

                browser.findElement(By.linkText("Find a reader")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
                browser.findElement(By.id("email")).sendKeys("alice@example.org");
                browser.findElement(By.cssSelector("form[method=get] button")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("readers")));
                browser.findElement(By.linkText("alice@example.org")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reader")));
                assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("confirmed");
                assertThat(browser.findElement(By.id("history")).getText()).contains("2026-11-20").contains("sent");
                screenshot(browser, "admin-reader");

                browser.findElement(By.id("resend")).click();
                wait.until(d -> !d.findElements(By.id("done")).isEmpty() || !d.findElements(By.id("problem")).isEmpty()
                        || d.getTitle().startsWith("Refused"));
                assertThat(browser.findElements(By.id("done"))).as(browser.getPageSource()).isNotEmpty();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
                assertThat(browser.findElement(By.id("done")).getText()).contains("a copy of the digest went to this reader");
                assertThat(greenMail.getReceivedMessagesForDomain("alice@example.org")).hasSize(2);

                browser.findElement(By.id("unsubscribe")).click();
                wait.until(ExpectedConditions.textToBe(By.id("status"), "unsubscribed"));
                screenshot(browser, "admin-reader-unsubscribed");
            } finally {
                browser.quit();
            }
            assertThat(site.paperboy.subscribers().find("alice@example.org").orElseThrow().status()).isEqualTo(Status.UNSUBSCRIBED);
            assertThat(site.paperboy.subscribers().find("bob@example.org").orElseThrow().status()).isEqualTo(Status.CONFIRMED);
        }
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
