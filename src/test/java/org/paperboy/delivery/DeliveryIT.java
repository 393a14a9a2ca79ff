package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.ClosedPort;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/** Sends the seeds' digest through real SMTP servers, with their answers parsed back. */
class DeliveryIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    static final List<String> READERS = List.of("alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org",
            "erin@example.org");

    @TempDir
    Path dir;

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

    private Paperboy wire(int smtpPort) {
        paperboy = Paperboy.wire(TestSetup.config(dir, smtpPort, null));
        List<String> topics = paperboy.topicSlugs();
        for (int i = 0; i < READERS.size(); i++) {
            Preferences prefs = i == 0 ? Preferences.NONE : Preferences.of(List.of(topics.get(i % topics.size())), List.of());
            paperboy.subscriptions().subscribe(READERS.get(i), prefs, Frequency.DAILY,
                    new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
        }
        return paperboy;
    }

    private DeliveryReport send() {
        return paperboy.send(paperboy.deliveryRun(), FRIDAY, List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
    }

    @Test
    void everyReaderGetsExactlyOneWellFormedMessageAndASecondSendSendsNothing() throws Exception {
        wire(greenMail.getSmtp().getPort());
        DeliveryReport first = send();
        assertThat(first.sent()).isEqualTo(5);
        assertThat(first.exitCode()).isZero();
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(5);
        assertThat(List.of(messages).stream().map(m -> address(m)).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(READERS);
        for (MimeMessage m : messages) {
            assertThat(m.getHeader("MIME-Version", null)).isEqualTo("1.0");
            assertThat(m.getFrom()[0].toString()).isEqualTo("Paperboy Test <digest@paperboy.test>");
            assertThat(m.getAllRecipients()).hasSize(1);
            assertThat(m.getSentDate()).isNotNull();
            assertThat(m.getSubject()).startsWith("Trending papers, Nov 20: ");
            assertThat(m.getMessageID()).matches("<pb\\.20261120\\.[0-9]+\\.[0-9a-f]+@paperboy\\.test>");
            assertThat(m.getHeader("List-Id", null)).isEqualTo("\"Paperboy daily papers\" <digest.paperboy.test>");
            assertThat(m.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "))
                    .matches("<https://news\\.paperboy\\.test/unsubscribe/\\d+\\.[A-Za-z0-9_-]+>, <mailto:unsubscribe@paperboy\\.test\\?subject=unsubscribe%20\\d+\\.[A-Za-z0-9_-]+>");
            assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(m.getContentType()).startsWith("multipart/alternative");
            Multipart parts = (Multipart) m.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
            assertThat(new String(m.getInputStream().readAllBytes()).lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(998));
        }
        DeliveryReport second = send();
        assertThat(second.sent()).isZero();
        assertThat(second.alreadySent()).isEqualTo(5);
        assertThat(greenMail.getReceivedMessages()).hasSize(5);
    }

    @Test
    void temporaryFailuresAreRetriedAndDelivered() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.answerRcpt(to -> (to.startsWith("bob") || to.startsWith("dave")) && smtp.rcptAttempts(to) <= 2
                    ? "451 4.3.0 try again later" : "250 OK");
            wire(smtp.port());
            DeliveryReport report = send();
            assertThat(report.sent()).isEqualTo(5);
            assertThat(report.deferred()).isZero();
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(smtp.rcptAttempts("bob@example.org")).isEqualTo(3);
        }
    }

    @Test
    void aPermanentRejectionFailsThatReaderAndEveryoneElseIsDelivered() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.answerRcpt(to -> to.startsWith("carol") ? "550 5.1.1 no such user" : "250 OK");
            wire(smtp.port());
            DeliveryReport report = send();
            assertThat(report.sent()).isEqualTo(4);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.exitCode()).isEqualTo(3);
            assertThat(smtp.rcptAttempts("carol@example.org")).isEqualTo(1);
            assertThat(paperboy.subscribers().find("carol@example.org").orElseThrow().hardBounces()).isEqualTo(1);
            DeliveryReport again = send();
            assertThat(again.sent()).isZero();
            assertThat(smtp.rcptAttempts("carol@example.org")).isEqualTo(1);
        }
    }

    @Test
    void mailRcptAndDataGoInOneWriteWhenTheServerOffersPipelining() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            wire(smtp.port());
            assertThat(send().sent()).isEqualTo(5);
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(smtp.pipelinedMails()).isEqualTo(5);
        }
    }

    @Test
    void withoutPipeliningEachCommandWaitsForItsReply() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.offerPipelining(false);
            wire(smtp.port());
            assertThat(send().sent()).isEqualTo(5);
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(smtp.pipelinedMails()).isZero();
        }
    }

    @Test
    void aPipelinedMailRefusedForAWhileIsRetriedAndNobodyIsMailedTwice() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.answerMail(n -> n <= 2 ? "451 4.3.2 system busy" : "250 OK");
            wire(smtp.port());
            DeliveryReport report = send();
            assertThat(report.sent()).isEqualTo(5);
            assertThat(report.failed()).isZero();
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(smtp.pipelinedMails()).isEqualTo(7);
        }
    }

    @Test
    void aServerThatHangsUpAfterAPipelinedMailIsReconnectedToAndEveryoneIsMailedOnce() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.answerMail(n -> n == 1 ? "421 4.3.2 shutting down" : "250 OK");
            wire(smtp.port());
            DeliveryReport report = send();
            assertThat(report.sent()).isEqualTo(5);
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(smtp.connections()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aPermanentRejectionInAPipelinedGroupResetsAndTheSameConnectionGoesOn() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.answerRcpt(to -> to.startsWith("alice") || to.startsWith("carol") ? "550 5.1.1 no such user" : "250 OK");
            wire(smtp.port());
            DeliveryReport report = send();
            assertThat(report.sent()).isEqualTo(3);
            assertThat(report.failed()).isEqualTo(2);
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient)
                    .containsExactlyInAnyOrder("bob@example.org", "dave@example.org", "erin@example.org");
            assertThat(smtp.pipelinedMails()).isEqualTo(5);
            assertThat(smtp.connections()).isLessThanOrEqualTo(TestSetup.config(dir, smtp.port(), null).smtp().connections());
        }
    }

    @Test
    void aServerThatIsDownLeavesEveryonePendingAndALaterRunCompletes() throws Exception {
        // held, not found free and released: no other process can take the port before the server below listens on it
        closedPort = new ClosedPort();
        int port = closedPort.port();
        wire(port);
        DeliveryReport down = send();
        assertThat(down.sent()).isZero();
        assertThat(down.deferred()).isEqualTo(5);
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.problem()).contains("SMTP server unreachable");
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(port)) {
            DeliveryReport up = send();
            assertThat(up.sent()).isEqualTo(5);
            assertThat(up.exitCode()).isZero();
            assertThat(smtp.received()).hasSize(5);
        }
    }

    @Test
    void aReaderWhoLeftBeforeTheSendIsNotMailed() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            wire(smtp.port());
            paperboy.subscriptions().unsubscribeAddress("erin@example.org");
            assertThat(send().sent()).isEqualTo(4);
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).doesNotContain("erin@example.org");
        }
    }

    @Test
    void theNextDayLeavesOutWhatWasSentWithANewMessageId() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            wire(smtp.port());
            send();
            Map<String, String> friday = smtp.received().stream().collect(Collectors.toMap(ScriptedSmtpServer.Received::recipient,
                    r -> r.header("Message-ID")));
            DeliveryReport saturday = paperboy.send(paperboy.deliveryRun(), FRIDAY.plusDays(1), List.of("seeds"),
                    new DeliveryRun.Options(false, "alice@example.org", false, null));
            assertThat(saturday.sent()).isEqualTo(1);
            ScriptedSmtpServer.Received next = smtp.received().get(5);
            assertThat(next.header("Message-ID")).isNotEqualTo(friday.get("alice@example.org"));
            List<String> fridayPapers = paperIds("alice@example.org", FRIDAY);
            List<String> saturdayPapers = paperIds("alice@example.org", FRIDAY.plusDays(1));
            assertThat(fridayPapers).hasSizeGreaterThan(10);
            assertThat(saturdayPapers).hasSizeGreaterThan(10).doesNotContainAnyElementsOf(fridayPapers);
            assertThat(paperboy.subscribers().find("alice@example.org").orElseThrow().status()).isEqualTo(Status.CONFIRMED);
        }
    }

    @Test
    void aWeeklyReaderIsMailedOnlyOnTheWeeklyDay() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            wire(smtp.port());
            paperboy.subscriptions().subscribe("frank@example.org", Preferences.NONE, Frequency.WEEKLY,
                    new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
            send();   // a Friday: the five daily readers only
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).doesNotContain("frank@example.org");
            LocalDate monday = LocalDate.of(2026, 11, 23);
            paperboy.send(paperboy.deliveryRun(), monday, List.of("seeds"), new DeliveryRun.Options(false, "frank@example.org", false, null));
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsOnlyOnce("frank@example.org");
            assertThat(paperIds("frank@example.org", monday)).hasSizeGreaterThan(10);
            ScriptedSmtpServer.Received weekly = smtp.received().stream().filter(r -> r.recipient().equals("frank@example.org"))
                    .findFirst().orElseThrow();
            jakarta.mail.internet.MimeMessage parsed = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(weekly.data().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(parsed.getSubject())
                    .as("the weekly mail says so, and which days it covers").startsWith("Weekly: Trending papers, Nov 17–23: ");
            assertThat(weekly.data().replace("=\r\n", "")).contains("Your weekly digest, November 17 =E2=80=93 23, 2026");
        }
    }

    private List<String> paperIds(String email, LocalDate date) throws Exception {
        long id = paperboy.subscribers().find(email).orElseThrow().id();
        try (var c = paperboy.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT v.paper_ids FROM delivery d " + Outbox.JOIN_VARIANT
                     + " WHERE d.subscriber_id = ? AND d.digest_date = ?")) {
            ps.setLong(1, id);
            ps.setObject(2, date);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? List.of(rs.getString(1).split(",")) : List.of();
            }
        }
    }

    private static String address(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
