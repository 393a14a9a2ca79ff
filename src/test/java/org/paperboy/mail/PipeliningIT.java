package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/** The pipelined transaction keeps the promise of the final dot: nothing is accepted unless the gate lets it end. */
class PipeliningIT {

    private static SmtpMailer mailer(int port) {
        return new SmtpMailer(TestSetup.smtp("""
                host: "127.0.0.1"
                port: %d
                security: none
                connectTimeoutSeconds: 30
                readTimeoutSeconds: 60
                writeTimeoutSeconds: 30
                fromAddress: "digest@paperboy.test"
                """.formatted(port)));
    }

    private static OutgoingMail mail(String to) {
        return new OutgoingMail(to, "Today's papers", "<p>hi</p>", "hi\n.\n..and a dotted line\n", to.replace('@', '.') + "@paperboy.test", Map.of());
    }

    @Test
    void aGateThatRefusesLeavesTheMessageUnendedAndTheServerAcceptsNothing() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            SmtpMailer mailer = mailer(smtp.port());
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
            assertThat(smtp.received().get(0).data()).contains("\r\n.\r\n..and a dotted line\r\n");
            assertThat(smtp.pipelinedMails()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedRecipientIsPermanentAndTheConnectionSendsTheNextOne() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.answerRcpt(to -> to.startsWith("carol") ? "550 5.1.1 no such user" : "250 OK");
            try (Mailer.Connection connection = mailer(smtp.port()).connect()) {
                assertThatThrownBy(() -> connection.send(mail("carol@example.org"))).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("SMTP 550").hasMessageContaining("no such user")
                        .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isTrue());
                connection.send(mail("dave@example.org"));
            }
            assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactly("dave@example.org");
            assertThat(smtp.connections()).isEqualTo(1);
            assertThat(smtp.pipelinedMails()).isEqualTo(2);
            assertThat(smtp.commands("NOOP")).as("no round trip a message to ask whether the connection lives").isZero();
        }
    }
}
