package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.app.Paperboy;
import org.paperboy.subscribers.ConfirmationCourier;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.ClosedPort;
import org.paperboy.testing.Databases;
import org.paperboy.testing.TestSetup;

/**
 * The subscribe form while the SMTP server (GreenMail) is down, as {@code serve} runs it (pages and
 * the background drain of the confirmation queue): the reader is told to check their inbox, the
 * mail waits in the queue, and arrives exactly once when the server comes up.
 */
class ConfirmationQueueWebIT {

    private static final Pattern CONFIRM_LINK = Pattern.compile("https://news\\.paperboy\\.test(/confirm/[A-Za-z0-9_-]+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private ClosedPort down;
    private GreenMail smtp;
    private Paperboy paperboy;
    private ConfirmationCourier courier;
    private WebServer web;

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        if (courier != null) {
            courier.close();
        }
        if (paperboy != null) {
            paperboy.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        down.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aSubscriptionWhileSmtpIsDownIsMailedExactlyOnceWhenItComesUp(String kind) throws Exception {
        down = new ClosedPort();
        paperboy = Paperboy.wire(TestSetup.config(dir, down.port(), Databases.fresh(kind, dir)), Clock.systemUTC());
        courier = paperboy.startConfirmations();
        web = Webs.start(paperboy, Webs.limits(List.of(), 10, 10, null, null), Clock.systemUTC());

        HttpResponse<String> answer = Webs.post(http, web, "/subscribe", "email=alice%40example.org");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Check your inbox").contains("kept and sent as soon as the server takes it");
        waitFor("the drain tried the server and kept the mail", () -> {
            var counts = courier.queue().counts(Instant.EPOCH);
            return counts.queued() == 1 && counts.lastReply() != null && counts.lastReply().contains("cannot connect");
        });

        smtp = new GreenMail(new ServerSetup(down.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertThat(smtp.waitForIncomingEmail(Webs.PATIENCE.toMillis(), 1)).as("the queued mail arrives once the server is up").isTrue();
        waitFor("the sent mail leaves the queue", () -> courier.queue().counts(Instant.EPOCH).queued() == 0);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).as("exactly once").hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("alice@example.org");
        Matcher link = CONFIRM_LINK.matcher(GreenMailUtil.getBody(received[0]).replace("=\r\n", ""));
        assertThat(link.find()).isTrue();
        assertThat(Webs.post(http, web, link.group(1), "").statusCode()).isEqualTo(200);
        assertThat(paperboy.subscribers().find("alice@example.org").orElseThrow().status()).isEqualTo(Status.CONFIRMED);
    }

    @Test
    void aResubscribeWithinTheHourIsToldThePlainRuleAndGetsNoSecondMail() throws Exception {
        down = new ClosedPort();
        smtp = new GreenMail(new ServerSetup(down.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        paperboy = Paperboy.wire(TestSetup.config(dir, down.port(), null), Clock.systemUTC());
        courier = paperboy.startConfirmations();
        web = Webs.start(paperboy, Webs.limits(List.of(), 10, 10, null, null), Clock.systemUTC());

        Webs.post(http, web, "/subscribe", "email=bob%40example.org");
        assertThat(smtp.waitForIncomingEmail(Webs.PATIENCE.toMillis(), 1)).isTrue();
        HttpResponse<String> again = Webs.post(http, web, "/subscribe", "email=bob%40example.org");
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();

        assertThat(again.body()).as("says what holds instead of promising a new mail")
                .contains("at most one such mail an hour").contains("if you already asked within the last hour, no new mail is sent now")
                .contains("ask again once the hour has passed");
        waitFor("the queue is empty", () -> courier.queue().counts(Instant.EPOCH).queued() == 0);
        assertThat(smtp.getReceivedMessages()).as("no second mail within the hour").hasSize(1);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Webs.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + Webs.PATIENCE.toSeconds() + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
