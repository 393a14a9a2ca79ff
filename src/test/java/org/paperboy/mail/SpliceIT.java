package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.Email;
import org.paperboy.digest.EmailConfig;
import org.paperboy.digest.RenderedDigest;
import org.paperboy.testing.TestSetup;

/**
 * Spliced messages over real SMTP: lines that start with a dot, or are a lone dot, reach the
 * server dot-stuffed and come out as the reader's render, over one reused connection.
 */
class SpliceIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void splicedDigestsCrossTheWireIntactIncludingLinesThatStartWithADot() throws Exception {
        SmtpConfig config = TestSetup.smtp("""
                host: "127.0.0.1"
                port: %d
                security: none
                fromAddress: "digest@paperboy.test"
                envelopeSender: "bounces+{verp}@paperboy.test"
                """.formatted(greenMail.getSmtp().getPort()));
        RenderedDigest rendered = new DigestRenderer(EmailConfig.DEFAULTS).render(SpliceTest.hostileDigest());
        EncodedDigest real = EncodedDigest.of(rendered);
        // a body whose slots sit at line starts, with a line that is a lone dot once filled in
        RenderedDigest.Slotted dotty = new RenderedDigest.Slotted(List.of("Hello\n", "\n.\n", " and\n", "\n..end"), new int[] {0, 1, 2});
        EncodedDigest dots = EncodedDigest.of("Dots", dotty, dotty);
        List<String[]> readers = SpliceTest.readers(40);
        List<String[]> expected = new ArrayList<>();
        try (Mailer.Connection connection = new SmtpMailer(config).connect()) {
            for (int i = 0; i < readers.size(); i++) {
                String[] r = readers.get(i);
                boolean dotted = i % 2 == 1;
                String[] values = dotted ? new String[] {".", "." + r[0], ".. " + r[1]} : r;
                java.util.function.Function<String, String> vote = paper -> values[0] + "." + paper;
                RenderedDigest.Values v = rendered.values(values[0], values[1], values[2], vote);
                MailBody body = MailBody.spliced(dotted ? dots : real, v);
                connection.send(new OutgoingMail("reader" + i + "@example.org", dotted ? "Dots" : rendered.subject(), body,
                        "m" + i + "@paperboy.test", Map.of("List-Unsubscribe", "<" + r[1].replaceAll("[^\\x21-\\x7e]", "") + ">")));
                if (dotted) {
                    expected.add(new String[] {body.text(), body.html()});
                } else {
                    Email fill = rendered.fill(values[0], values[1], values[2], vote);
                    expected.add(new String[] {fill.text(), fill.html()});
                }
            }
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(readers.size());
        for (MimeMessage m : received) {
            int i = Integer.parseInt(m.getMessageID().replaceAll("<m(\\d+)@.*", "$1"));
            Multipart parts = (Multipart) m.getContent();
            assertThat(parts.getBodyPart(0).getContent()).as("reader " + i).isEqualTo(crlf(expected.get(i)[0]));
            assertThat(parts.getBodyPart(1).getContent()).as("reader " + i).isEqualTo(crlf(expected.get(i)[1]));
            // no delivery of ours (no outbox Message-ID): the envelope names none, signed VERP is for deliveries
            assertThat(m.getHeader("Return-Path", null)).isEqualTo("<bounces+none@paperboy.test>");
        }
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
