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
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.app.Paperboy;
import org.paperboy.testing.Databases;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.TestSetup;

/**
 * Each returned mail read once, on SQLite and PostgreSQL: a maildir processed again parses nothing,
 * two processors (threads, or processes of the built jar) on one maildir share its mails without an
 * error and record each once, an mbox is read from where it stopped, and two processors on one
 * IMAP or POP3 mailbox (GreenMail) both succeed.
 */
class BounceReadOnceIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));

    private static final Pattern SUMMARY = Pattern.compile("bounces: (\\d+) mails?:");

    @TempDir
    Path dir;

    private final List<Paperboy> wired = new ArrayList<>();

    @AfterEach
    void close() {
        wired.forEach(Paperboy::close);
    }

    private Paperboy wire(String db) {
        Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, null, db));
        wired.add(paperboy);
        return paperboy;
    }

    /** @param bounces the {@code bounces} section's lines, as in paperboy.yaml */
    private Paperboy wire(String db, String bounces) {
        Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, null, db, "bounces:\n" + bounces.indent(2)));
        wired.add(paperboy);
        return paperboy;
    }

    /** A hard bounce for a stranger, with its own Message-ID: one event each. */
    static byte[] bounce(int i) {
        return new String(Fixtures.mail("postfix-userunknown.eml", "reader" + i + "@example.net", "x@paperboy.test", "m" + i + "@x"),
                StandardCharsets.UTF_8).replace("A1@mx", "A1-" + i + "@mx").replace("A2@mx", "A2-" + i + "@mx")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Path maildir(int from, int to) throws Exception {
        Path md = dir.resolve("Maildir");
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(md.resolve(sub));
        }
        for (int i = from; i < to; i++) {
            Files.write(md.resolve("new").resolve(String.format("1700000000.M%06dP9.test", i)), bounce(i));
        }
        return md;
    }

    private static int scalar(Paperboy paperboy, String sql) {
        return paperboy.database().transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static void assertEachMailOnce(Paperboy paperboy, int mails) {
        assertThat(scalar(paperboy, "SELECT COUNT(*) FROM bounce_event")).as("one event per mail").isEqualTo(mails);
        assertThat(scalar(paperboy, "SELECT COUNT(DISTINCT mail_key) FROM bounce_event")).isEqualTo(mails);
    }

    private static List<String> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aMaildirProcessedTwiceParsesEachMailOnce(String kind) throws Exception {
        Paperboy paperboy = wire(Databases.fresh(kind, dir));
        Path md = maildir(0, 300);
        Files.write(md.resolve("new/unreadable"), Fixtures.mail("unreadable.eml"));

        ProcessSummary first = paperboy.bounceProcessor().process(new LocalSource(md));
        assertThat(first.mails()).isEqualTo(301);
        assertThat(first.unreadable()).hasSize(1);
        assertThat(files(md.resolve("cur"))).hasSize(301).contains("unreadable:2,F");

        ProcessSummary second = paperboy.bounceProcessor().process(new LocalSource(md));
        assertThat(second.mails()).as("nothing in cur/ is parsed again, the unreadable mail neither").isZero();

        maildir(300, 310);
        ProcessSummary third = paperboy.bounceProcessor().process(new LocalSource(md));
        assertThat(third.mails()).as("only the new mails").isEqualTo(10);
        assertEachMailOnce(paperboy, 310);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void twoProcessorsOnOneMaildirParseAndCountEachMailOnce(String kind) throws Exception {
        int mails = 1_500;
        String db = Databases.fresh(kind, dir);
        List<Paperboy> two = List.of(wire(db), wire(db));
        Path md = maildir(0, mails);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ProcessSummary>> runs = new ArrayList<>();
            for (BounceProcessor processor : two.stream().map(Paperboy::bounceProcessor).toList()) {
                runs.add(pool.submit(() -> processor.process(new LocalSource(md))));
            }
            int parsed = 0;
            for (Future<ProcessSummary> run : runs) {
                parsed += run.get(5, TimeUnit.MINUTES).mails();
            }
            assertThat(parsed).as("each mail parsed by one of the two").isEqualTo(mails);
        } finally {
            pool.shutdownNow();
        }
        assertEachMailOnce(two.get(0), mails);
        assertThat(files(md.resolve("new"))).isEmpty();
        assertThat(files(md.resolve("cur"))).hasSize(mails).allMatch(n -> n.endsWith(":2,S"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void twoProcessesOnOneMaildirBothExitZeroAndCountEachMailOnce(String kind) throws Exception {
        int mails = 3_000;
        String db = Databases.fresh(kind, dir);
        Path md = maildir(0, mails);
        twoProcesses(db, md, mails);
        assertThat(files(md.resolve("cur"))).hasSize(mails).allMatch(n -> n.endsWith(":2,S"));
    }

    @Test
    void twoProcessesOnOneMboxBothExitZeroAndCountEachMailOnce() throws Exception {
        int mails = 1_500;
        Path mbox = Files.writeString(dir.resolve("bounces.mbox"), mbox(0, mails));
        twoProcesses(TestSetup.sqliteUrl(dir), mbox, mails);
    }

    /** Two {@code bounces process SOURCE} of the built jar at once: both exit 0, the mails are parsed once between them. */
    private void twoProcesses(String db, Path source, int mails) throws Exception {
        wire(db).close();
        wired.clear();
        Path config = PaperboyProcess.config(dir, "paperboy.yaml", 2525, db, "");
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            logs.add(dir.resolve("process-" + i + ".log"));
            processes.add(PaperboyProcess.start(logs.get(i), "bounces", "process", source.toString(), "-c", config.toString()));
        }
        int parsed = 0;
        for (int i = 0; i < 2; i++) {
            assertThat(processes.get(i).waitFor(5, TimeUnit.MINUTES)).as(PaperboyProcess.log(logs.get(i))).isTrue();
            String log = PaperboyProcess.log(logs.get(i));
            assertThat(processes.get(i).exitValue()).as(log).isZero();
            Matcher m = SUMMARY.matcher(log);
            assertThat(m.find()).as(log).isTrue();
            parsed += Integer.parseInt(m.group(1));
        }
        assertThat(parsed).as("each mail parsed by one of the two").isEqualTo(mails);
        assertEachMailOnce(wire(db), mails);
    }

    private static String mbox(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append("From MAILER-DAEMON Mon Dec  7 03:00:00 2026\n").append(new String(bounce(i), StandardCharsets.UTF_8)
                    .replace("\nFrom ", "\n>From ")).append("\n");
        }
        return s.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void anMboxIsReadFromWhereItStoppedAndARewriteCountsNothingTwice(String kind) throws Exception {
        Paperboy paperboy = wire(Databases.fresh(kind, dir));
        Path mbox = Files.writeString(dir.resolve("bounces.mbox"), mbox(0, 50));

        assertThat(paperboy.bounceProcessor().process(new LocalSource(mbox)).mails()).isEqualTo(50);
        Files.writeString(mbox, mbox(50, 60), StandardOpenOption.APPEND);
        assertThat(paperboy.bounceProcessor().process(new LocalSource(mbox)).mails()).as("only the appended mails").isEqualTo(10);
        assertThat(paperboy.bounceProcessor().process(new LocalSource(mbox)).mails()).isZero();
        assertEachMailOnce(paperboy, 60);

        // an operator deleted the first 40 mails with a mail reader, which rewrote the mbox shorter
        Files.writeString(mbox, mbox(40, 60) + mbox(60, 65));
        ProcessSummary rewritten = paperboy.bounceProcessor().process(new LocalSource(mbox));
        assertThat(rewritten.mails()).as("read again from the start").isEqualTo(25);
        assertThat(rewritten.line()).contains("20 already processed");
        assertEachMailOnce(paperboy, 65);
        assertThat(Files.readString(mbox)).as("the mbox is never written").isEqualTo(mbox(40, 60) + mbox(60, 65));
    }

    @Test
    void twoProcessorsOnOneImapMailboxBothSucceedAndCountEachMailOnce() throws Exception {
        mailboxTest("imap", greenMail.getImap().getPort());
    }

    @Test
    void twoProcessorsOnOnePop3MailboxBothSucceedAndCountEachMailOnce() throws Exception {
        mailboxTest("pop3", greenMail.getPop3().getPort());
    }

    /** A POP3 server that locks its maildrop, as RFC 1939 asks, answers a second session so; nothing fails, nothing is read. */
    @Test
    void aPop3MailboxLockedByAnotherSessionIsReadNextTime() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread pop3 = new Thread(() -> {
                try (java.net.Socket s = server.accept();
                     var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                     var out = new java.io.PrintStream(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                    out.print("+OK ready\r\n");
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String command = line.split(" ")[0].toUpperCase(java.util.Locale.ROOT);
                        out.print(switch (command) {
                            case "USER" -> "+OK\r\n";
                            case "PASS" -> "-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n";
                            case "QUIT" -> "+OK bye\r\n";
                            default -> "-ERR unknown command\r\n";
                        });
                        if (command.equals("QUIT") || command.equals("PASS")) {
                            break;
                        }
                    }
                } catch (java.io.IOException e) {
                    // the client hung up
                }
            });
            pop3.start();
            String bounces = Fixtures.mailbox("pop3", server.getLocalPort());
            Paperboy paperboy = wire(TestSetup.sqliteUrl(dir), bounces);
            ProcessSummary summary = paperboy.bounceProcessor().process(new MailboxSource(TestSetup.bounces(bounces)));
            assertThat(summary.mails()).isZero();
            pop3.join(60_000);
        }
    }

    private void mailboxTest(String protocol, int port) throws Exception {
        int mails = 60;
        GreenMailUser box = greenMail.setUser("bounces@paperboy.test", "bounces", "box-secret");
        for (int i = 0; i < mails; i++) {
            box.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bounce(i))));
        }
        box.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(Fixtures.mail("unreadable.eml"))));
        String db = TestSetup.sqliteUrl(dir);
        List<Paperboy> two = List.of(wire(db, Fixtures.mailbox(protocol, port)), wire(db, Fixtures.mailbox(protocol, port)));
        BouncesConfig bounces = TestSetup.bounces(Fixtures.mailbox(protocol, port));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ProcessSummary>> runs = new ArrayList<>();
            for (BounceProcessor processor : two.stream().map(Paperboy::bounceProcessor).toList()) {
                runs.add(pool.submit(() -> processor.process(new MailboxSource(bounces))));
            }
            for (Future<ProcessSummary> run : runs) {
                run.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEachMailOnce(two.get(0), mails);
        assertThat(greenMail.getReceivedMessagesForDomain("paperboy.test")).as("only the unreadable mail is left").hasSize(1);
        ProcessSummary again = two.get(0).bounceProcessor().process(new MailboxSource(bounces));
        if (protocol.equals("imap")) {
            assertThat(again.mails()).as("the unreadable mail, flagged, is not read again").isZero();
            assertThat(greenMail.getReceivedMessagesForDomain("paperboy.test")[0].getFlags().contains(jakarta.mail.Flags.Flag.FLAGGED))
                    .isTrue();
        } else {
            assertThat(again.mails()).as("POP3 has no flags: the unreadable mail is read again, and kept again").isEqualTo(1);
            assertThat(again.unreadable()).hasSize(1);
        }
    }
}
