package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.bounces.Fixtures.ALICE;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BounceParserTest {

    private final BounceParser parser = new BounceParser();

    @ParameterizedTest(name = "{0}: {1} {2} {3}")
    @CsvSource({
        "postfix-userunknown.eml, hard, userunknown, 5.1.1",
        "postfix-mailboxfull.eml, soft, mailboxfull, 5.2.2",
        "sendmail-hostunknown.eml, hard, hostunknown, 5.1.2",
        "exim-text.eml, hard, userunknown, 5.1.1",
        "qmail-text.eml, soft, mailboxfull, 5.2.2",
        "exchange-o365.eml, hard, userunknown, 5.1.10",
        "gmail-text.eml, hard, userunknown, 5.1.1",
        "yahoo-text.eml, soft, policyviolation, 5.7.9",
        "amazon-ses.eml, soft, blocked, 5.7.1",
        "ses-json-bounce.eml, hard, userunknown, 5.1.1",
        "messaging-server.eml, hard, userunknown, 5.1.1",
        "opensmtpd-text.eml, hard, userunknown, 5.1.1",
        // "user unknown" answered after DATA: Sisimai calls it filtered, a soft bounce (the server may refuse by content)
        "sendmail-userunknown-data.eml, soft, filtered, 5.0.0",
        "postfix-enddata-userunknown.eml, soft, filtered, 5.0.0",
        "exim-data-userunknown.eml, soft, filtered, ",
        "postfix-hostunknown.eml, hard, hostunknown, 5.4.4",
        "google-workspace.eml, hard, userunknown, 5.1.1",
        "rfc3464-mailboxfull.eml, soft, mailboxfull, 5.2.2",
        // a delay notice is a soft bounce for Sisimai (expired), counted like any other soft one
        "delayed-dsn.eml, soft, expired, 4.4.1",
    })
    void namesTheFailedReaderKindReasonAndStatusForEachMtaFamily(String file, String kind, String reason, String status) {
        for (byte[] raw : new byte[][] {Fixtures.mail(file), Fixtures.crlf(Fixtures.mail(file))}) {
            ReturnedMail mail = parser.parse(raw);
            assertThat(mail.reports()).hasSize(1);
            Report r = mail.reports().get(0);
            assertThat(r.recipient()).isEqualTo(ALICE);
            assertThat(r.kind().label()).isEqualTo(kind);
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.diagnostic()).doesNotContain("\n", "\r").isNotBlank();
        }
    }

    @Test
    void aFeedbackReportIsAComplaintAboutTheOriginalRecipient() {
        Report r = parser.parse(Fixtures.mail("arf-complaint.eml")).reports().get(0);
        assertThat(r.kind()).isEqualTo(Kind.COMPLAINT);
        assertThat(r.recipient()).isEqualTo(ALICE);
        assertThat(r.reason()).isEqualTo("feedback");
    }

    @Test
    void anOutOfOfficeReplyIsAnAutoreplyThatChangesNothing() {
        Report r = parser.parse(Fixtures.mail("autoreply.eml")).reports().get(0);
        assertThat(r.kind()).isEqualTo(Kind.AUTOREPLY);
        assertThat(r.recipient()).isEqualTo(ALICE);
    }

    @Test
    void aBounceWithoutARecipientIsUnreadableAndAPlainMailIsNone() {
        ReturnedMail odd = parser.parse(Fixtures.mail("unreadable.eml"));
        assertThat(odd.unreadable()).isTrue();
        assertThat(odd.reports()).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(Kind.NONE));
        ReturnedMail hello = parser.parse("From: bob@example.org\nTo: news@paperboy.test\nSubject: hi\n\nThanks for the digest!\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(hello.unreadable()).isFalse();
        assertThat(hello.reports()).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(Kind.NONE));
    }

    @Test
    void findsTheVerpEnvelopeAndTheReturnedMessageId() {
        ReturnedMail mail = parser.parse(Fixtures.mail("postfix-userunknown.eml", ALICE, Fixtures.ALICE_VERP, "42.digest@paperboy.test"));
        assertThat(mail.addressedTo()).contains(Fixtures.ALICE_VERP);
        assertThat(mail.originalMessageId()).isEqualTo("42.digest@paperboy.test");
        assertThat(mail.messageId()).isEqualTo("20261123100000.A1@mx.paperboy.test");
    }

    @Test
    void garbageIsNeverAnException() {
        for (String junk : new String[] {"", "\u0000\u0001\u00ff", "Content-Type: multipart/report; boundary=\"x\"\n\n--x\nbroken",
                "From: MAILER-DAEMON@x\nContent-Type: text/plain; charset=no-such-charset\n\n<a@b.example>: 550 5.1.1 unknown\n"}) {
            assertThat(parser.parse(junk.getBytes(StandardCharsets.ISO_8859_1)).reports()).isNotEmpty();
        }
    }

    @Test
    void aDiagnosticFromAStrangerIsOneLineWithoutControlCharacters() {
        Report r = new Report("a@b.example", null, Kind.HARD, "5.1.1", "userunknown", "line one\r\nBcc: evil@x\u0007" + "x".repeat(900));
        assertThat(r.diagnostic()).doesNotContain("\r", "\n", "\u0007").hasSizeLessThanOrEqualTo(Report.MAX_DIAGNOSTIC);
    }
}
