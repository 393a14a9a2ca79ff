package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Everything in a returned mail comes from a stranger: huge parts, endless folded fields, thousands of
 * recipients and lines made to make regular expressions backtrack must neither throw nor hang the
 * bounce processor. The time limit is generous (a loaded machine parses these in well under a second);
 * it only catches catastrophic backtracking, which would take minutes.
 */
class HostileMailTest {

    private final BounceParser parser = new BounceParser();

    @Test
    void aHugeLineWithoutSpacesAndMarkersParses() {
        String line = ("<<<>>> a".repeat(3) + "x".repeat(50_000) + "<a@" + "b".repeat(20_000) + " ").repeat(40);
        String mail = "From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail Returned to Sender\n\n"
                + "<victim@example.org>: host x said: 550 " + line + " does not exist (in reply to RCPT TO command)\n" + line + "\n";
        ReturnedMail read = parse(mail);
        assertThat(read.reports()).isNotEmpty();
        assertThat(read.reports()).allSatisfy(r -> assertThat(r.diagnostic()).hasSizeLessThanOrEqualTo(Report.MAX_DIAGNOSTIC));
    }

    @Test
    void aReportWithEndlessFoldingAndThousandsOfRecipientsIsCut() {
        StringBuilder ds = new StringBuilder("Reporting-MTA: dns; x.example\n\n");
        ds.append("Final-Recipient: rfc822; first@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550");
        ds.append(" user unknown [^ ]+ does not exist\n".replace("\n", "\n ").repeat(50_000)).append('\n');
        for (int i = 0; i < 20_000; i++) {
            ds.append("Final-Recipient: rfc822; r").append(i).append("@example.org\nAction: failed\nStatus: 5.2.2\n\n");
        }
        String mail = "From: MAILER-DAEMON@x.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
                + "--B\nContent-Type: text/plain\n\nfailed\n--B\nContent-Type: message/delivery-status\n\n" + ds + "\n--B--\n";
        ReturnedMail read = parse(mail);
        assertThat(read.reports()).hasSizeLessThanOrEqualTo(DeliveryStatus.MAX_RECIPIENTS);
        assertThat(read.reports().get(0).recipient()).isEqualTo("first@example.org");
        assertThat(read.reports().get(0).kind()).isEqualTo(Kind.HARD);
    }

    @Test
    void deeplyNestedPartsAndManyAddressesParse() {
        StringBuilder mail = new StringBuilder("From: postmaster@x.example\nSubject: failure notice\n");
        for (int i = 0; i < 200; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
        }
        mail.append("Content-Type: text/html\n\n").append("<style><p>".repeat(30_000));
        for (int i = 0; i < 30_000; i++) {
            mail.append("<u").append(i).append("@example.org>: 550 unknown user\n");
        }
        ReturnedMail read = parse(mail.toString());
        assertThat(read.reports()).isNotEmpty().hasSizeLessThanOrEqualTo(500);
    }

    private ReturnedMail parse(String mail) {
        byte[] raw = mail.getBytes(StandardCharsets.ISO_8859_1);
        return parser.parse(raw);
    }
}
