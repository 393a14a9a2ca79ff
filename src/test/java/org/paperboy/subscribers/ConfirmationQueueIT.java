package org.paperboy.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.testing.ClosedPort;
import org.paperboy.testing.Databases;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/**
 * Confirmation mails through the queue, on a real SQLite file and a real PostgreSQL, to a real SMTP
 * server that is down, answers 4xx or 5xx, or comes up late: none is lost, none goes twice, and
 * the queue keeps no working link once a mail is sent or given up.
 */
class ConfirmationQueueIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern CONFIRM_LINK = Pattern.compile("https://news\\.paperboy\\.test/confirm/([A-Za-z0-9_-]+)");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private String dbUrl;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Paperboy paperboy(String kind, int smtpPort, Clock clock) {
        if (dbUrl == null) {
            dbUrl = Databases.fresh(kind, dir);
        }
        Paperboy p = Paperboy.wire(TestSetup.config(dir, smtpPort, dbUrl), clock);
        open.add(p);
        return p;
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aMailQueuedWhileTheServerIsDownArrivesExactlyOnceWhenItComesUp(String kind) throws Exception {
        ClosedPort down = keep(new ClosedPort());
        Paperboy paperboy = paperboy(kind, down.port(), Clock.systemUTC());

        var result = subscribe(paperboy, "alice@example.org");

        assertThat(result.mail().kind()).isEqualTo(ConfirmationStatus.Kind.QUEUED);
        assertThat(result.mail().reply()).as("the reason it is not sent yet").contains("cannot connect to SMTP server");
        assertThat(result.mail().nextAt()).isNotNull();
        Map<String, Object> row = row(paperboy, "alice@example.org").orElseThrow();
        assertThat(row.get("state")).isEqualTo("pending");
        assertThat(row.get("attempts")).isEqualTo(1);

        ScriptedSmtpServer smtp = keep(new ScriptedSmtpServer(down.port()));
        keep(paperboy.startConfirmations());
        waitFor("the mail arrives and leaves the queue", () -> smtp.received().size() >= 1 && row(paperboy, "alice@example.org").isEmpty());

        assertThat(smtp.received()).as("exactly once").hasSize(1);
        String token = link(smtp.received().get(0).data());
        assertThat(String.valueOf(row.get("sealed_token"))).as("the queue held the token sealed, never in clear").doesNotContain(token);
        assertThat(paperboy.subscriptions().confirm(token)).isEqualTo(SubscriberStore.Confirmation.CONFIRMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void a4xxIsRetriedWithTheDigestBackoffAndThenSentOnce(String kind) throws Exception {
        ScriptedSmtpServer smtp = keep(new ScriptedSmtpServer());
        smtp.answerRcpt(r -> smtp.rcptAttempts(r) == 1 ? "451 4.7.1 greylisted, try again later" : "250 OK");
        Paperboy paperboy = paperboy(kind, smtp.port(), Clock.systemUTC());

        var result = subscribe(paperboy, "bob@example.org");

        assertThat(result.mail().kind()).isEqualTo(ConfirmationStatus.Kind.QUEUED);
        assertThat(result.mail().reply()).contains("451");
        assertThat(Duration.between(result.mail().requestedAt(), result.mail().nextAt()))
                .as("the first retry waits delivery.initialBackoffSeconds, as a digest's does")
                .isEqualTo(paperboy.config().delivery().backoff(1));
        keep(paperboy.startConfirmations());
        waitFor("the retry is accepted", () -> smtp.received().size() >= 1 && row(paperboy, "bob@example.org").isEmpty());
        assertThat(smtp.rcptAttempts("bob@example.org")).isEqualTo(2);
        assertThat(smtp.received()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void a5xxFailsForGoodClearsTheTokenAndTheAddressMayAskAgain(String kind) throws Exception {
        ScriptedSmtpServer smtp = keep(new ScriptedSmtpServer());
        smtp.answerRcpt(r -> "550 5.1.1 no such user");
        Paperboy paperboy = paperboy(kind, smtp.port(), Clock.systemUTC());

        var result = subscribe(paperboy, "carol@example.org");

        assertThat(result.mail().kind()).isEqualTo(ConfirmationStatus.Kind.FAILED);
        assertThat(result.mail().reply()).contains("550");
        Map<String, Object> row = row(paperboy, "carol@example.org").orElseThrow();
        assertThat(row.get("state")).isEqualTo("failed");
        assertThat(row.get("sealed_token")).as("no link is kept for a mail given up").isNull();
        assertThat(paperboy.subscriptions().confirmations().queue().counts(Instant.EPOCH).failed()).isEqualTo(1);
        assertThat(subscribe(paperboy, "carol@example.org").mail().kind()).as("not held back by the hour's limit")
                .isEqualTo(ConfirmationStatus.Kind.FAILED);
        assertThat(smtp.rcptAttempts("carol@example.org")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void twoProcessesDrainingOneQueueNeverSendAMailTwice(String kind) throws Exception {
        ClosedPort down = keep(new ClosedPort());
        Paperboy first = paperboy(kind, down.port(), Clock.systemUTC());
        Paperboy second = paperboy(kind, down.port(), Clock.systemUTC());
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            readers.add("reader" + i + "@example.org");
            subscribe(i % 2 == 0 ? first : second, readers.get(i));
        }
        ScriptedSmtpServer smtp = keep(new ScriptedSmtpServer(down.port()));
        smtp.pauseAfterEachMessage(20);   // keeps both drains busy at once
        keep(first.startConfirmations());
        keep(second.startConfirmations());
        waitFor("every mail arrives", () -> smtp.received().size() >= readers.size()
                && first.subscriptions().confirmations().queue().counts(Instant.EPOCH).queued() == 0);

        Map<String, Long> perReader = smtp.received().stream().collect(Collectors.groupingBy(ScriptedSmtpServer.Received::recipient,
                Collectors.counting()));
        assertThat(perReader).hasSize(readers.size()).allSatisfy((reader, n) -> assertThat(n).as(reader).isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aMailNotDeliveredInTimeExpiresIsCountedAndTheAddressMayAskAgain(String kind) throws Exception {
        ClosedPort down = keep(new ClosedPort());
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
        Paperboy paperboy = paperboy(kind, down.port(), clock);
        subscribe(paperboy, "dave@example.org");
        ConfirmationCourier courier = paperboy.subscriptions().confirmations();

        clock.advance(Duration.ofHours(71));
        courier.drain();
        assertThat(row(paperboy, "dave@example.org").orElseThrow().get("state")).as("within its age: still retried").isEqualTo("pending");
        clock.advance(Duration.ofHours(2));
        courier.drain();

        Map<String, Object> row = row(paperboy, "dave@example.org").orElseThrow();
        assertThat(row.get("state")).isEqualTo("expired");
        assertThat(row.get("sealed_token")).isNull();
        assertThat(String.valueOf(row.get("last_reply"))).contains("expired").contains("cannot connect to SMTP server");
        ConfirmationQueue.Counts counts = courier.queue().counts(clock.instant().minus(Duration.ofDays(7)));
        assertThat(counts.expired()).isEqualTo(1);
        assertThat(counts.queued()).isZero();
        assertThat(subscribe(paperboy, "dave@example.org").mail().kind()).as("a new link at once, not held back by the limit")
                .isEqualTo(ConfirmationStatus.Kind.QUEUED);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aResubscribeWithinTheHourSaysWhenANewLinkCanBeSentAndQueuesNothing(String kind) throws Exception {
        ClosedPort down = keep(new ClosedPort());
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
        Paperboy paperboy = paperboy(kind, down.port(), clock);
        subscribe(paperboy, "erin@example.org");
        clock.advance(Duration.ofMinutes(20));

        ConfirmationStatus again = subscribe(paperboy, "erin@example.org").mail();

        assertThat(again.kind()).isEqualTo(ConfirmationStatus.Kind.LIMITED);
        assertThat(again.requestedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(again.nextAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(again.reply()).as("the earlier one is still queued, and why").contains("cannot connect to SMTP server");
        assertThat(paperboy.subscriptions().confirmations().queue().counts(Instant.EPOCH).queued()).isEqualTo(1);
    }

    private static SubscriptionService.Subscribed subscribe(Paperboy paperboy, String email) {
        return paperboy.subscriptions().subscribe(email, Preferences.NONE, Frequency.DAILY,
                new Consent("cli", null, null, "test", paperboy.clock().instant()), false, Runnable::run);
    }

    /** The address's queue row, column by column, if it has one. */
    private static java.util.Optional<Map<String, Object>> row(Paperboy paperboy, String email) {
        return paperboy.database().transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT q.state, q.attempts, q.sealed_token, q.last_reply FROM mail_queue q"
                    + " JOIN subscriber s ON s.id = q.subscriber_id WHERE s.email = ? ORDER BY q.id DESC")) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return java.util.Optional.empty();
                    }
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("state", rs.getString(1));
                    row.put("attempts", rs.getInt(2));
                    row.put("sealed_token", rs.getString(3));
                    row.put("last_reply", rs.getString(4));
                    return java.util.Optional.of(row);
                }
            }
        });
    }

    private static String link(String data) {
        Matcher m = CONFIRM_LINK.matcher(data.replace("=\r\n", ""));
        assertThat(m.find()).as("a confirmation link in the mail").isTrue();
        return m.group(1);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
