package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.paperboy.app.Paperboy;
import org.paperboy.digest.DigestArchive;
import org.paperboy.subscribers.Status;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.testing.Browser;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/** A person fills in and sends the subscribe form in headless Chromium. */
class SubscribeFormIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void aPersonSubscribesThroughTheFormAndGetsTheConfirmationMail() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
        try (Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, smtp.getSmtp().getPort(), null), clock);
             WebServer web = WebServer.start(paperboy.config().web(), paperboy.subscriptions(), paperboy.renderer(),
                     paperboy.config().email(), paperboy.classifier().taxonomy().topics(),
                     new DigestArchive(paperboy.database().dataSource()), clock)) {
            ChromeDriver browser = Browser.start(375, 800);
            try {
                browser.get("http://127.0.0.1:" + web.port() + "/");
                browser.findElement(By.id("email")).sendKeys("grace@example.org");
                var boxes = browser.findElements(By.cssSelector("input[type=checkbox][name=topics]"));
                assertThat(boxes).hasSize(paperboy.topicSlugs().size());
                browser.findElement(By.cssSelector("input[name=topics][value=" + paperboy.topicSlugs().get(0) + "]")).click();
                browser.findElement(By.cssSelector("input[name=topics][value=" + paperboy.topicSlugs().get(2) + "]")).click();
                browser.findElement(By.cssSelector("button[type=submit]")).click();
                Browser.waitForHeading(browser, "Check your inbox");
            } finally {
                browser.quit();
            }
            assertThat(smtp.waitForIncomingEmail(Webs.PATIENCE.toMillis(), 1)).isTrue();
            Subscriber grace = paperboy.subscribers().find("grace@example.org").orElseThrow();
            assertThat(grace.status()).isEqualTo(Status.PENDING);
            assertThat(grace.topics()).containsExactlyInAnyOrder(paperboy.topicSlugs().get(0), paperboy.topicSlugs().get(2));
            assertThat(grace.consent().userAgent()).contains("Chrome");
        }
    }
}
