package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.ClosedPort;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/**
 * The outbox's promise across runs: temporary failures never become permanent, a day the server
 * was down is sent by the next day's run, what is too old expires visibly, and an operator can
 * put failed messages back.
 */
class DeliveryGuaranteeIT {

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    static final List<String> READERS = List.of("alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org",
            "erin@example.org", "frank@example.org");

    @TempDir
    java.nio.file.Path dir;

    private Paperboy paperboy;
    private ClosedPort closedPort;

    @AfterEach
    void close() throws Exception {
        if (paperboy != null) {
            paperboy.close();
        }
        if (closedPort != null) {
            closedPort.close();
        }
    }

    /** Wires Paperboy with a clock that runs from 09:00 UTC on the day. */
    private void wire(int smtpPort, LocalDate today) {
        if (paperboy != null) {
            paperboy.close();
        }
        Instant nine = today.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), nine));
        paperboy = Paperboy.wire(TestSetup.config(dir, smtpPort, null), clock);
        if (paperboy.subscribers().list(null).isEmpty()) {
            for (String reader : READERS) {
                paperboy.subscriptions().subscribe(reader, Preferences.NONE, Frequency.DAILY,
                        new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
            }
        }
    }

    private DeliveryReport send(LocalDate date) {
        return paperboy.send(paperboy.deliveryRun(), date, List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
    }

    private Map<String, Integer> states(LocalDate date) throws Exception {
        Map<String, Integer> states = new HashMap<>();
        try (Connection c = paperboy.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM delivery WHERE digest_date = ? GROUP BY state")) {
            ps.setObject(1, date);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return states;
    }

    /** A port nothing listens on until the test's server does: held, not found free and released for another process to take. */
    private int closedPort() throws Exception {
        closedPort = new ClosedPort();
        return closedPort.port();
    }

    @Test
    void aStormOf451AnswersDeliversEveryoneAndFailsNobody() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            AtomicInteger rcpts = new AtomicInteger();
            smtp.answerRcpt(to -> rcpts.incrementAndGet() % 3 == 0 ? "451 4.7.1 greylisted, try again later" : "250 OK");
            wire(smtp.port(), FRIDAY);
            DeliveryReport report = send(FRIDAY);
            assertThat(report.failed()).isZero();
            assertThat(report.sent()).isEqualTo(READERS.size());
            assertThat(states(FRIDAY)).containsOnly(Map.entry("sent", READERS.size()));
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient)
                    .containsExactlyInAnyOrderElementsOf(READERS);
        }
    }

    @Test
    void aDayTheServerWasDownIsSentByTheNextDaysRunBeforeItsOwn() throws Exception {
        int port = closedPort();
        wire(port, FRIDAY);
        DeliveryReport down = send(FRIDAY);
        assertThat(down.sent()).isZero();
        assertThat(down.deferred()).isEqualTo(READERS.size());
        assertThat(down.exitCode()).isEqualTo(3);

        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(port)) {
            LocalDate saturday = FRIDAY.plusDays(1);
            wire(port, saturday);
            DeliveryReport next = send(saturday);
            assertThat(next.earlier()).singleElement().satisfies(friday -> {
                assertThat(friday.date()).isEqualTo(FRIDAY);
                assertThat(friday.sent()).isEqualTo(READERS.size());
                assertThat(friday.deferred()).isZero();
            });
            assertThat(next.sent()).isEqualTo(READERS.size());
            assertThat(next.exitCode()).isZero();
            assertThat(next.summary()).contains(FRIDAY + " (resumed): sent " + READERS.size());
            assertThat(states(FRIDAY)).containsOnly(Map.entry("sent", READERS.size()));
            List<String> fridayFirst = smtp.received().stream().map(r -> r.header("X-Paperboy-Date")).toList();
            assertThat(fridayFirst.subList(0, READERS.size())).containsOnly(FRIDAY.toString());
            assertThat(fridayFirst).hasSize(2 * READERS.size());
        }
    }

    @Test
    void messagesOlderThanTheAgeLimitExpireAndAreReported() throws Exception {
        int port = closedPort();
        wire(port, FRIDAY);
        send(FRIDAY);
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(port)) {
            LocalDate later = FRIDAY.plusDays(10);
            wire(port, later);
            DeliveryReport report = send(later);
            assertThat(report.expired()).isEqualTo(READERS.size());
            assertThat(report.exitCode()).isEqualTo(3);
            assertThat(report.summary()).contains("expired " + READERS.size());
            assertThat(states(FRIDAY)).containsOnly(Map.entry("cancelled", READERS.size()));
            assertThat(smtp.received()).extracting(r -> r.header("X-Paperboy-Date")).containsOnly(later.toString());
        }
    }

    @Test
    void failedMessagesGoOutAgainWhenTheOperatorRetriesThem() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            boolean[] rejecting = {true};
            smtp.answerRcpt(to -> rejecting[0] && to.startsWith("carol") ? "550 5.7.1 policy rejection" : "250 OK");
            wire(smtp.port(), FRIDAY);
            assertThat(send(FRIDAY).failed()).isEqualTo(1);
            rejecting[0] = false;
            DeliveryRun run = paperboy.deliveryRun();
            assertThat(run.retryFailed(FRIDAY)).isEqualTo(1);
            DeliveryReport again = paperboy.send(run, FRIDAY, List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
            assertThat(again.sent()).isEqualTo(1);
            assertThat(again.failed()).isZero();
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).filteredOn(r -> r.startsWith("carol"))
                    .hasSize(1);
        }
    }
}
