package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;
import org.paperboy.testing.TestTls;

/**
 * PIPELINING over TLS, after STARTTLS and from the first byte (smtps), against a real server that
 * offers it and speaks TLS: the message arrives as Jakarta Mail's own writing of it does, a 4xx or
 * 5xx inside a pipelined group is handled as without TLS, and the gate before the final dot keeps
 * its promise (as {@link PipeliningIT} checks without TLS).
 */
class PipeliningTlsIT {

    private static ScriptedSmtpServer server(String security) throws IOException {
        ScriptedSmtpServer smtp = new ScriptedSmtpServer();
        smtp.serveTls(TestTls.serverContext(), security.equals("ssl"));
        return smtp;
    }

    private static SmtpConfig config(String security, int port) {
        return TestSetup.smtp("""
                host: "localhost"
                port: %d
                security: %s
                connectTimeoutSeconds: 30
                readTimeoutSeconds: 60
                writeTimeoutSeconds: 30
                fromAddress: "digest@paperboy.test"
                caFile: %s
                """.formatted(port, security, TestSetup.quote(TestTls.certificatePem().toString())));
    }

    private static OutgoingMail mail(String to) {
        return new OutgoingMail(to, "Today's papers", "<p>hi ünïcode</p>", "hi\n.\n..and a dotted line\n" + "x".repeat(100_000) + "\n",
                to.replace('@', '.') + "@paperboy.test", Map.of("List-Unsubscribe", "<https://news.paperboy.test/u/" + to + ">"));
    }

    /** The message body without its Date line, which is the second it was written. */
    private static String withoutDate(String data) {
        return data.replaceFirst("(?m)^Date: [^\r\n]*\r\n", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "ssl"})
    void aPipelinedTlsSendArrivesAsJakartaMailWritesIt(String security) throws Exception {
        try (ScriptedSmtpServer smtp = server(security)) {
            SmtpConfig config = config(security, smtp.port());
            OutgoingMail alice = mail("alice@example.org");   // one encoding, one MIME boundary, for both sends
            try (Mailer.Connection connection = new SmtpMailer(config).connect()) {
                connection.send(alice);
            }
            assertThat(smtp.pipelinedMails()).as("MAIL, RCPT and DATA in one write over TLS").isEqualTo(1);

            // the same mail through Angus's own transport and data stream, as Jakarta Mail sends it
            Session session = SmtpSessions.create(config);
            MessageFactory messages = new MessageFactory(config, session);
            try (Transport transport = session.getTransport()) {
                transport.connect(config.host(), config.port(), null, null);
                transport.sendMessage(messages.message(alice, null, Mailer.Gate.OPEN), messages.recipients(alice));
            }

            assertThat(smtp.received()).hasSize(2);
            assertThat(smtp.pipelinedMails()).as("Angus waits for each reply").isEqualTo(1);
            String pipelined = smtp.received().get(0).data();
            String jakarta = smtp.received().get(1).data();
            assertThat(pipelined).contains("\r\n.\r\n..and a dotted line\r\n").contains("Message-ID: <alice.example.org@paperboy.test>");
            assertThat(withoutDate(pipelined)).isEqualTo(withoutDate(jakarta));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "ssl"})
    void aRefusedRecipientInAPipelinedTlsGroupIsPermanentAndTheConnectionSendsTheNextOne(String security) throws Exception {
        try (ScriptedSmtpServer smtp = server(security)) {
            smtp.answerRcpt(to -> to.startsWith("carol") ? "550 5.1.1 no such user" : "250 OK");
            try (Mailer.Connection connection = new SmtpMailer(config(security, smtp.port())).connect()) {
                assertThatThrownBy(() -> connection.send(mail("carol@example.org"))).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("SMTP 550").hasMessageContaining("no such user")
                        .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isTrue());
                connection.send(mail("dave@example.org"));
            }
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactly("dave@example.org");
            assertThat(smtp.connections()).isEqualTo(1);
            assertThat(smtp.pipelinedMails()).isEqualTo(2);
            assertThat(smtp.commands("RSET")).as("the refused transaction reset").isEqualTo(1);
            assertThat(smtp.commands("NOOP")).as("no round trip a message to ask whether the connection lives").isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "ssl"})
    void aTemporaryRefusalInAPipelinedTlsGroupDefersAndTheConnectionGoesOn(String security) throws Exception {
        try (ScriptedSmtpServer smtp = server(security)) {
            smtp.answerMail(n -> n == 1 ? "451 4.3.0 try again later" : "250 OK");
            try (Mailer.Connection connection = new SmtpMailer(config(security, smtp.port())).connect()) {
                assertThatThrownBy(() -> connection.send(mail("erin@example.org"))).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("SMTP 451").hasMessageContaining("try again later")
                        .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isFalse());
                connection.send(mail("frank@example.org"));
            }
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactly("frank@example.org");
            assertThat(smtp.connections()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "ssl"})
    void aServerThatHangsUpInAPipelinedTlsGroupDefersAndTheNextConnectionSends(String security) throws Exception {
        try (ScriptedSmtpServer smtp = server(security)) {
            smtp.answerMail(n -> n == 1 ? "421 4.3.2 shutting down" : "250 OK");
            SmtpMailer mailer = new SmtpMailer(config(security, smtp.port()));
            try (Mailer.Connection connection = mailer.connect()) {
                assertThatThrownBy(() -> connection.send(mail("grace@example.org"))).isInstanceOf(DeliveryException.class)
                        .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isFalse());
                assertThatThrownBy(() -> connection.send(mail("heidi@example.org"))).as("the connection is gone")
                        .isInstanceOf(DeliveryException.class);
            }
            try (Mailer.Connection connection = mailer.connect()) {
                connection.send(mail("heidi@example.org"));
            }
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactly("heidi@example.org");
            assertThat(smtp.connections()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "ssl"})
    void aGateThatRefusesLeavesTheMessageUnendedAndTheServerAcceptsNothing(String security) throws Exception {
        try (ScriptedSmtpServer smtp = server(security)) {
            SmtpMailer mailer = new SmtpMailer(config(security, smtp.port()));
            try (Mailer.Connection connection = mailer.connect()) {
                assertThatThrownBy(() -> connection.send(mail("alice@example.org"), () -> {
                    throw new IOException("recording deliveries failed");
                })).isInstanceOf(DeliveryException.class).hasMessageContaining("alice@example.org")
                        .hasMessageContaining("recording deliveries failed")
                        .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isFalse());
            }
            try (Mailer.Connection connection = mailer.connect()) {
                connection.send(mail("bob@example.org"));
            }
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactly("bob@example.org");
            assertThat(smtp.pipelinedMails()).isEqualTo(2);
        }
    }
}
