package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.subscribers.UnsubscribeReason;
import org.paperboy.testing.TestSetup;

/** Returned mail read from a maildir and from GreenMail's IMAP and POP3, acted on in the embedded database. */
class BounceProcessIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dir;

    private Paperboy paperboy;

    @AfterEach
    void close() {
        if (paperboy != null) {
            paperboy.close();
        }
    }

    /** @param bounces the {@code bounces} section's lines, as in paperboy.yaml */
    private Paperboy wire(String bounces) {
        paperboy = Paperboy.wire(TestSetup.config(dir, greenMail.getSmtp().getPort(), null,
                Fixtures.sections(dir, greenMail.getSmtp().getPort(), bounces)));
        return paperboy;
    }

    private Paperboy wire() {
        return wire("pollMinutes: 0\nsoftThreshold: 3\nsoftWindowDays: 30\n");
    }

    private long reader(String email) {
        return paperboy.subscriptions().subscribe(email, Preferences.NONE, Frequency.DAILY,
                new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run).subscriber().id();
    }

    private Status status(String email) {
        return paperboy.subscribers().find(email).orElseThrow().status();
    }

    /** The signed VERP envelope sender our last message to the reader went out with. */
    private static String verp(String email) {
        try {
            return sentTo(email).getHeader("Return-Path", null).replaceAll("[<>]", "").strip();
        } catch (Exception | AssertionError e) {
            return Fixtures.VERP.replace("{verp}", email.replace('@', '='));
        }
    }

    /** The returned mail, about the message we last sent the reader (a stranger's names nothing of ours). */
    private static byte[] mail(String fixture, String to) {
        return Fixtures.mail(fixture, to, verp(to), "unknown-" + to + "@elsewhere.test");
    }

    private Path maildir(byte[]... mails) throws Exception {
        Path md = dir.resolve("Maildir");
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(md.resolve(sub));
        }
        for (int i = 0; i < mails.length; i++) {
            Files.write(md.resolve("new").resolve("17000000" + i + ".M" + i + ".test"), mails[i]);
        }
        return md;
    }

    private static long count(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    private int events() {
        return paperboy.database().transaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM bounce_event")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void actsOnEachKindOnceAndKeepsWhatItCannotRead() throws Exception {
        wire();
        for (String r : List.of("alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org")) {
            reader(r);
        }
        send(FRIDAY);
        Path md = maildir(mail("postfix-userunknown.eml", "alice@example.org"), mail("qmail-text.eml", "bob@example.org"),
                mail("arf-complaint.eml", "carol@example.org"), mail("autoreply.eml", "dave@example.org"),
                mail("unreadable.eml", "dave@example.org"), mail("exim-text.eml", "stranger@example.net"));

        ProcessSummary first = paperboy.bounceProcessor().process(new LocalSource(md));

        assertThat(status("alice@example.org")).isEqualTo(Status.BOUNCED);
        assertThat(status("bob@example.org")).isEqualTo(Status.CONFIRMED);
        assertThat(status("carol@example.org")).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(paperboy.subscribers().find("carol@example.org").orElseThrow().unsubscribeReason()).isEqualTo(UnsubscribeReason.COMPLAINT);
        assertThat(status("dave@example.org")).isEqualTo(Status.CONFIRMED);
        assertThat(first.line()).contains("6 mails", "2 hard", "1 soft", "1 complaint", "1 autoreply", "1 unmatched",
                "1 unreadable kept");
        assertThat(count(md.resolve("new"))).isZero();
        assertThat(Files.list(md.resolve("cur")).map(f -> f.getFileName().toString()))
                .as("read: seen; the unreadable mail kept flagged and unseen").hasSize(6)
                .filteredOn(n -> n.endsWith(":2,F")).hasSize(1);
        var states = BounceStates.readers(paperboy.database());
        assertThat(states.get(paperboy.subscribers().find("alice@example.org").orElseThrow().id()).hard()).isEqualTo(1);
        assertThat(states.get(paperboy.subscribers().find("bob@example.org").orElseThrow().id()).soft()).isEqualTo(1);
        assertThat(states.get(paperboy.subscribers().find("carol@example.org").orElseThrow().id()).describe()).contains("complained");
        assertThat(states).doesNotContainKey(paperboy.subscribers().find("dave@example.org").orElseThrow().id());
        int recorded = events();

        Files.list(md.resolve("cur")).forEach(f -> move(f, md.resolve("new").resolve(f.getFileName().toString().replace(":2,S", ""))));
        ProcessSummary again = paperboy.bounceProcessor().process(new LocalSource(md));
        assertThat(again.line()).contains("5 already processed");
        assertThat(events()).as("the same mail twice records nothing more").isEqualTo(recorded);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void softBouncesMarkAReaderBouncedOnlyAtTheThreshold() throws Exception {
        wire();
        reader("bob@example.org");
        byte[][] soft = new byte[3][];
        for (int i = 0; i < 3; i++) {
            greenMail.purgeEmailFromAllMailboxes();
            send(FRIDAY.plusDays(i));
            soft[i] = new String(mail("postfix-mailboxfull.eml", "bob@example.org"), StandardCharsets.UTF_8)
                    .replace("A2@mx", "A2-" + i + "@mx").getBytes(StandardCharsets.UTF_8);
        }
        paperboy.bounceProcessor().process(new LocalSource(maildir(soft[0], soft[1])));
        assertThat(status("bob@example.org")).isEqualTo(Status.CONFIRMED);
        Files.write(dir.resolve("Maildir/new/third"), soft[2]);
        ProcessSummary third = paperboy.bounceProcessor().process(new LocalSource(dir.resolve("Maildir")));
        assertThat(third.bounced()).isEqualTo(1);
        assertThat(status("bob@example.org")).isEqualTo(Status.BOUNCED);
    }

    @Test
    void aMailedUnsubscribeNeedsTheReadersSignedToken() throws Exception {
        wire();
        long erin = reader("erin@example.org");
        reader("frank@example.org");
        String token = paperboy.subscriptions().unsubscribeToken(erin);
        String forged = token.substring(0, token.indexOf('.')) + ".AAAAAAAAAAAAAAAAAAAAAA";
        byte[] good = ("From: erin@example.org\nTo: unsubscribe@paperboy.test\nSubject: unsubscribe " + token
                + "\nMessage-ID: <u1@example.org>\n\nPlease stop.\n").getBytes(StandardCharsets.UTF_8);
        byte[] plus = ("From: someone@example.org\nTo: <unsubscribe+" + forged + "@paperboy.test>\nSubject: stop\n"
                + "Message-ID: <u2@example.org>\n\nstop\n").getBytes(StandardCharsets.UTF_8);

        ProcessSummary summary = paperboy.bounceProcessor().process(new LocalSource(maildir(good, plus)));

        assertThat(status("erin@example.org")).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(paperboy.subscribers().find("erin@example.org").orElseThrow().unsubscribeReason()).isEqualTo(UnsubscribeReason.MAILED);
        assertThat(status("frank@example.org")).isEqualTo(Status.CONFIRMED);
        assertThat(summary.unsubscribed()).isEqualTo(1);
    }

    @Test
    void aPostfixPipeHandsOverOneMessageOnStandardInput() throws Exception {
        wire();
        reader("alice@example.org");
        send(FRIDAY);
        ProcessSummary summary = paperboy.bounceProcessor().process(
                LocalSource.stdin(new ByteArrayInputStream(mail("gmail-text.eml", "alice@example.org"))));
        assertThat(summary.line()).startsWith("1 mail: 1 hard");
        assertThat(status("alice@example.org")).isEqualTo(Status.BOUNCED);
    }

    @Test
    void readsAnImapMailboxAndDeletesOnlyWhatItRecorded() throws Exception {
        mailboxTest("imap", greenMail.getImap().getPort());
    }

    @Test
    void readsAPop3MailboxAndDeletesOnlyWhatItRecorded() throws Exception {
        mailboxTest("pop3", greenMail.getPop3().getPort());
    }

    private void mailboxTest(String protocol, int port) throws Exception {
        GreenMailUser box = greenMail.setUser("bounces@paperboy.test", "bounces", "box-secret");
        wire(Fixtures.mailbox(protocol, port));
        reader("alice@example.org");
        reader("carol@example.org");
        send(FRIDAY);
        for (byte[] raw : List.of(mail("exchange-o365.eml", "alice@example.org"), mail("arf-complaint.eml", "carol@example.org"),
                mail("unreadable.eml", "alice@example.org"))) {
            box.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        }

        ProcessSummary summary = paperboy.bounceProcessor().process(new MailboxSource(paperboy.config().bounces()));

        assertThat(summary.mails()).isEqualTo(3);
        assertThat(status("alice@example.org")).isEqualTo(Status.BOUNCED);
        assertThat(status("carol@example.org")).isEqualTo(Status.UNSUBSCRIBED);
        MimeMessage[] left = greenMail.getReceivedMessagesForDomain("paperboy.test");
        assertThat(left).as("the unreadable mail is kept").hasSize(1);
        assertThat(left[0].getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
    }

    @Test
    void verpRoundTripMarksTheReaderBouncedAndTheNextSendSkipsThem() throws Exception {
        wire();
        reader("alice@example.org");
        reader("bob@example.org");
        send(FRIDAY);
        MimeMessage toAlice = sentTo("alice@example.org");
        assertThat(toAlice.getHeader("Return-Path", null)).contains(verp("alice@example.org"));

        // the reader's mailbox forwarded to an address that no longer exists: only the VERP envelope names alice
        byte[] dsn = Fixtures.mail("postfix-userunknown.eml", "alice.old@forward.example", verp("alice@example.org"), "nothing@x");
        paperboy.bounceProcessor().process(new LocalSource(maildir(dsn)));

        assertThat(status("alice@example.org")).isEqualTo(Status.BOUNCED);
        BounceStates.Rates rates = BounceStates.since(paperboy.database(), Instant.EPOCH);
        assertThat(rates.sent()).isEqualTo(2);
        assertThat(rates.bounceRate()).isEqualTo(0.5);
        assertThat(rates.complaintRate()).isZero();
        greenMail.purgeEmailFromAllMailboxes();
        send(FRIDAY.plusDays(3));
        assertThat(greenMail.getReceivedMessages()).extracting(m -> m.getAllRecipients()[0].toString()).containsExactly("bob@example.org");
    }

    @Test
    void complaintRoundTripFindsTheReaderByTheReturnedMessageId() throws Exception {
        wire();
        reader("carol@example.org");
        reader("bob@example.org");
        send(FRIDAY);
        String messageId = sentTo("carol@example.org").getMessageID().replaceAll("[<>]", "");

        // the feedback loop redacts the reader's address: only our Message-ID names carol
        byte[] arf = new String(Fixtures.mail("arf-complaint.eml", "redacted@fbl.example", "x@y.example", messageId), StandardCharsets.UTF_8)
                .replace("Original-Rcpt-To: <redacted@fbl.example>\n", "").getBytes(StandardCharsets.UTF_8);
        paperboy.bounceProcessor().process(new LocalSource(maildir(arf)));

        assertThat(status("carol@example.org")).isEqualTo(Status.UNSUBSCRIBED);
        greenMail.purgeEmailFromAllMailboxes();
        send(FRIDAY.plusDays(3));
        assertThat(greenMail.getReceivedMessages()).extracting(m -> m.getAllRecipients()[0].toString()).containsExactly("bob@example.org");
    }

    private void send(LocalDate day) {
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
}
