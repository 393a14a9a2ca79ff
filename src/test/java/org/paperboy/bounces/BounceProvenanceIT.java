package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.app.Paperboy;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.Databases;
import org.paperboy.testing.TestSetup;

/**
 * Lying to the return path: returned mail may change a reader only when it is provably about a
 * message we sent that reader (a signed VERP address, or a Message-ID of ours the outbox holds for
 * them). Every forged case changes nobody and is recorded as unverified; genuine ones still act.
 * On SQLite and PostgreSQL.
 */
class BounceProvenanceIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;

    private Paperboy paperboy;
    private int mails;

    @AfterEach
    void close() {
        if (paperboy != null) {
            paperboy.close();
        }
    }

    private void wire(String db) {
        paperboy = Paperboy.wire(TestSetup.config(dir, greenMail.getSmtp().getPort(), Databases.fresh(db, dir),
                Fixtures.sections(dir, greenMail.getSmtp().getPort(), "pollMinutes: 0\nsoftThreshold: 3\nsoftWindowDays: 30\n")));
    }

    private void readers(String... emails) {
        for (String email : emails) {
            paperboy.subscriptions().subscribe(email, Preferences.NONE, Frequency.DAILY,
                    new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
        }
    }

    private void send(LocalDate day) throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        paperboy.send(paperboy.deliveryRun(), day, List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
    }

    private static MimeMessage sentTo(String email) throws Exception {
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(email)) {
                return m;
            }
        }
        throw new AssertionError("nothing was sent to " + email);
    }

    private static String verpOf(String email) throws Exception {
        return sentTo(email).getHeader("Return-Path", null).replaceAll("[<>]", "").strip();
    }

    private static String messageIdOf(String email) throws Exception {
        return sentTo(email).getMessageID().replaceAll("[<>]", "");
    }

    private ProcessSummary process(byte[]... raw) throws Exception {
        Path md = dir.resolve("Maildir");
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(md.resolve(sub));
        }
        for (byte[] mail : raw) {
            Files.write(md.resolve("new").resolve("1700000000." + (mails++) + ".test"), mail);
        }
        return paperboy.bounceProcessor().process(new LocalSource(md));
    }

    private Status status(String email) {
        return paperboy.subscribers().find(email).orElseThrow().status();
    }

    private int events(String matchedBy) {
        return paperboy.database().transaction(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM bounce_event WHERE matched_by = ?")) {
                ps.setString(1, matchedBy);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private static byte[] replaceAll(byte[] mail, String from, String to) {
        return new String(mail, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    /** A plain RFC 3464 report that fails every recipient named, sent to the address given. */
    private static byte[] dsn(String to, String messageId, List<String> failed, String status) {
        StringBuilder s = new StringBuilder("Return-Path: <>\nTo: " + to + "\nFrom: MAILER-DAEMON@mx.attacker.example\n"
                + "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <dsn-" + Math.abs((to + failed + messageId).hashCode())
                + "@mx.attacker.example>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
                + "--B\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n--B\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; mx.attacker.example\n");
        for (String r : failed) {
            s.append("\nFinal-Recipient: rfc822; ").append(r).append("\nAction: failed\nStatus: ").append(status)
                    .append("\nDiagnostic-Code: smtp; ").append(status.startsWith("5") ? "550 5.1.1 User unknown" : "452 4.2.2 Mailbox full")
                    .append('\n');
        }
        s.append("\n--B\nContent-Type: text/rfc822-headers\n\nFrom: digest@paperboy.test\nTo: ").append(failed.get(0))
                .append("\nMessage-ID: <").append(messageId).append(">\nSubject: Paperboy\n\n--B--\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void forgedReturnedMailChangesNobody(String db) throws Exception {
        wire(db);
        List<String> forty = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            forty.add("reader" + i + "@example.org");
        }
        readers(forty.toArray(String[]::new));
        readers("victim@example.org", "carol@example.org");
        send(FRIDAY);
        String realVerp = verpOf("victim@example.org");
        String realId = messageIdOf("victim@example.org");
        long carol = paperboy.subscribers().find("carol@example.org").orElseThrow().id();
        assertThat(realVerp).matches("bounces\\+\\d+-20261120-[a-z2-7]{12}@paperboy\\.test");

        ProcessSummary summary = process(
                // a DSN naming a reader, with no VERP and no Message-ID of ours
                dsn("bounces@paperboy.test", "somebody@else.example", List.of("victim@example.org"), "5.1.1"),
                // one mail listing 40 readers
                dsn("bounces@paperboy.test", "x@else.example", forty, "5.1.1"),
                // the unsigned VERP address older versions used
                dsn("bounces+victim=example.org@paperboy.test", "y@else.example", List.of("victim@example.org"), "5.1.1"),
                // the victim's signed address with carol's id put in: the signature no longer fits
                dsn(realVerp.replaceFirst("\\+\\d+-", "+" + carol + "-"), "z@else.example", List.of("carol@example.org"), "5.1.1"),
                // a Message-ID of ours in shape, but not the one we sent
                dsn("bounces@paperboy.test", realId.replaceFirst("\\.[0-9a-f]+@", ".abc@"), List.of("victim@example.org"), "5.1.1"),
                // a forged complaint naming carol
                Fixtures.mail("arf-complaint.eml", "carol@example.org", "fbl@paperboy.test", "forged@else.example"));

        assertThat(status("victim@example.org")).isEqualTo(Status.CONFIRMED);
        assertThat(status("carol@example.org")).isEqualTo(Status.CONFIRMED);
        for (String r : forty) {
            assertThat(status(r)).as(r).isEqualTo(Status.CONFIRMED);
        }
        assertThat(summary.bounced()).isZero();
        assertThat(summary.unsubscribed()).isZero();
        assertThat(summary.unverified()).isEqualTo(45);
        assertThat(events("unverified")).isEqualTo(45);
        BounceStates.Rates rates = BounceStates.since(paperboy.database(), Instant.EPOCH);
        assertThat(rates.bounced()).as("rates count only verified events").isZero();
        assertThat(rates.complaints()).isZero();
        assertThat(BounceStates.readers(paperboy.database())).isEmpty();
        assertThat(summary.line()).contains("45 unverified");
        assertThat(paperboy.stats().report(30).returned().unverified()).as("stats shows them").isEqualTo(45);
        assertThat(paperboy.stats().report(30).returned().proven()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aSoftBounceReplayedCountsOnceForItsDelivery(String db) throws Exception {
        wire(db);
        readers("bob@example.org");
        send(FRIDAY);
        byte[] soft = Fixtures.mail("postfix-mailboxfull.eml", "bob@example.org", verpOf("bob@example.org"), messageIdOf("bob@example.org"));
        ProcessSummary summary = process(soft, replaceAll(soft, "A2@mx", "A2-replay1@mx"), replaceAll(soft, "A2@mx", "A2-replay2@mx"),
                replaceAll(soft, "A2@mx", "A2-replay3@mx"));

        assertThat(summary.kinds.get(Kind.SOFT)).as("each replay is recorded").isEqualTo(4);
        assertThat(status("bob@example.org")).as("four reports of one delivery are one soft bounce, under the threshold of 3")
                .isEqualTo(Status.CONFIRMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void genuineReportsStillAct(String db) throws Exception {
        wire(db);
        readers("alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org");
        send(FRIDAY);

        ProcessSummary summary = process(
                // a DSN to alice's signed VERP address
                Fixtures.mail("postfix-userunknown.eml", "alice@example.org", verpOf("alice@example.org"), "n/a@else.example"),
                // a DSN quoting our Message-ID for bob, that also lists dave: only bob is touched
                dsn("bounces@paperboy.test", messageIdOf("bob@example.org"), List.of("bob@example.org", "dave@example.org"), "5.1.1"),
                // a feedback report quoting carol's message
                Fixtures.mail("arf-complaint.eml", "carol@example.org", "fbl@paperboy.test", messageIdOf("carol@example.org")),
                // an auto-reply to dave's message: recorded, proven, changes nothing
                Fixtures.mail("autoreply.eml", "dave@example.org", verpOf("dave@example.org"), messageIdOf("dave@example.org")));

        assertThat(status("alice@example.org")).isEqualTo(Status.BOUNCED);
        assertThat(status("bob@example.org")).isEqualTo(Status.BOUNCED);
        assertThat(status("carol@example.org")).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(status("dave@example.org")).isEqualTo(Status.CONFIRMED);
        assertThat(summary.bounced()).isEqualTo(2);
        assertThat(summary.unsubscribed()).isEqualTo(1);
        assertThat(summary.unverified()).as("dave, listed in bob's report").isEqualTo(1);
        assertThat(events("verp")).isGreaterThanOrEqualTo(1);
        assertThat(events("message-id")).isGreaterThanOrEqualTo(2);
        long alice = paperboy.subscribers().find("alice@example.org").orElseThrow().id();
        assertThat(paperboy.subscribers().find(alice).orElseThrow().hardBounces()).as("export's hard_bounces agrees").isEqualTo(1);
        BounceStates.Rates rates = BounceStates.since(paperboy.database(), Instant.EPOCH);
        assertThat(rates.bounced()).isEqualTo(2);
        assertThat(rates.complaints()).isEqualTo(1);
    }
}
