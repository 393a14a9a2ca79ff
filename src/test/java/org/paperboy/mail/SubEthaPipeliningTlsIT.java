package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.app.Paperboy;
import org.paperboy.app.PaperboyConfig;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.PipeliningSubEtha;
import org.paperboy.testing.TestSetup;
import org.paperboy.testing.TestTls;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Pipelining over TLS against SubEthaSMTP, a server whose parsing of a pipelined group and whose
 * answers after a refused command are not ours (as {@link PipeliningTlsIT} checks against the
 * scripted test server): STARTTLS required, or TLS from the first byte. A pipelined TLS send arrives
 * byte for byte as Jakarta Mail's own sending of the same message does; a 451 or 550 inside a
 * pipelined group (SubEthaSMTP then answers the rest of the group 503) defers or fails that reader
 * as without TLS, and everyone else is delivered once.
 */
class SubEthaPipeliningTlsIT {

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    static final List<String> READERS = List.of("alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org",
            "erin@example.org");

    /** What the server accepted: the recipient, the data, and whether TLS carried it. */
    record Received(String to, String data, boolean tls) {
    }

    @TempDir
    Path dir;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> rcptAttempts = new ConcurrentHashMap<>();
    private final AtomicInteger mails = new AtomicInteger();
    /** Which MAIL of the run is answered 451 (0: none). */
    private volatile int busyMail = 2;
    private final PipeliningSubEtha pipelining = new PipeliningSubEtha();
    private SMTPServer server;
    private Paperboy paperboy;

    @AfterEach
    void stop() {
        if (paperboy != null) {
            paperboy.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /**
     * SubEthaSMTP with TLS, or without ({@code none}: plaintext, one command at a time, the outcome
     * the TLS runs must match). Its answers: the second MAIL of the run 451 (the rest of that group
     * 503), RCPT TO bob 451 the first time, RCPT TO carol 550 (then DATA 503).
     */
    private SMTPServer start(String security) {
        SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .insertReceivedHeaders(false)   // its Received line names the session: two sends would differ by it
                .messageHandlerFactory(this::handler);
        if (!security.equals("none")) {
            pipelining.tls(builder, TestTls.serverContext(), security.equals("ssl"));
        }
        server = builder.build();
        server.start();
        return server;
    }

    private MessageHandler handler(MessageContext context) {
        return new MessageHandler() {
            private String to;

            @Override
            public void from(String from) throws RejectException {
                if (mails.incrementAndGet() == busyMail) {
                    throw new RejectException(451, "4.3.2 system busy, try again later");
                }
            }

            @Override
            public void recipient(String recipient) throws RejectException {
                int attempt = rcptAttempts.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
                if (recipient.startsWith("carol@")) {
                    throw new RejectException(550, "5.1.1 no such user");
                }
                if (recipient.startsWith("bob@") && attempt == 1) {
                    throw new RejectException(451, "4.3.0 try again later");
                }
                to = recipient;
            }

            @Override
            public String data(InputStream data) throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                data.transferTo(bytes);
                received.add(new Received(to, bytes.toString(StandardCharsets.ISO_8859_1),
                        ((org.subethamail.smtp.server.Session) context).getSocket() instanceof SSLSocket));
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    /** The tests' smtp section on this server with this security, read by the loader. */
    private String smtpSection(String security, int port) {
        return TestSetup.smtpSection(dir, port).replace("  security: none\n", "  security: " + security + "\n")
                + (security.equals("none") ? "" : "  caFile: " + TestSetup.quote(TestTls.certificatePem().toString()) + "\n");
    }

    private SmtpConfig smtp(String security, int port) {
        return TestSetup.config(dir, port, null, smtpSection(security, port)).smtp();
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "ssl"})
    void aPipelinedTlsSendArrivesByteForByteAsJakartaMailSendsIt(String security) throws Exception {
        busyMail = 0;
        SmtpConfig config = smtp(security, start(security).getPortAllocated());
        OutgoingMail mail = new OutgoingMail("dave@example.org", "Today's papers", "<p>hi ünïcode</p>",
                "hi\n.\n..and a dotted line\n" + "x".repeat(100_000) + "\n", "dave.example.org@paperboy.test",
                Map.of("List-Unsubscribe", "<https://news.paperboy.test/u/dave>"));
        try (Mailer.Connection connection = new SmtpMailer(config).connect()) {
            connection.send(mail);
        }
        assertThat(pipelining.pipelinedMails()).as("MAIL, RCPT and DATA read together over TLS").isEqualTo(1);

        Session session = SmtpSessions.create(config);
        MessageFactory messages = new MessageFactory(config, session);
        try (Transport transport = session.getTransport()) {
            transport.connect(config.host(), config.port(), null, null);
            transport.sendMessage(messages.message(mail, null, Mailer.Gate.OPEN), messages.recipients(mail));
        }

        assertThat(pipelining.pipelinedMails()).as("Jakarta Mail waits for each reply").isEqualTo(1);
        assertThat(received).hasSize(2).allSatisfy(r -> assertThat(r.tls()).as("received over TLS").isTrue());
        String pipelined = received.get(0).data();
        assertThat(pipelined).contains("\r\n.\r\n..and a dotted line\r\n").contains("Message-ID: <dave.example.org@paperboy.test>");
        assertThat(withoutDate(pipelined)).isEqualTo(withoutDate(received.get(1).data()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "starttls", "ssl"})
    void aRefusalInsideAPipelinedGroupDefersOrFailsThatReaderAsInPlaintextAndTheRestAreDelivered(String security) {
        int port = start(security).getPortAllocated();
        PaperboyConfig config = TestSetup.config(dir, port, null, smtpSection(security, port));
        paperboy = Paperboy.wire(config);
        List<String> topics = paperboy.topicSlugs();
        for (int i = 0; i < READERS.size(); i++) {
            paperboy.subscriptions().subscribe(READERS.get(i), Preferences.of(List.of(topics.get(i % topics.size())), List.of()),
                    Frequency.DAILY, new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
        }

        DeliveryReport report = paperboy.send(paperboy.deliveryRun(), FRIDAY, List.of("seeds"),
                new DeliveryRun.Options(false, null, false, null));

        assertThat(report.sent()).as(String.valueOf(report.problem())).isEqualTo(4);
        assertThat(report.failed()).as("carol, refused 550").isEqualTo(1);
        assertThat(report.deferred()).as("the 451s retried within the run").isZero();
        assertThat(received).extracting(Received::to).containsExactlyInAnyOrder("alice@example.org", "bob@example.org",
                "dave@example.org", "erin@example.org");
        assertThat(received).allSatisfy(r -> assertThat(r.tls()).as("TLS").isEqualTo(!security.equals("none")));
        assertThat(rcptAttempts.get("bob@example.org").get()).as("bob: refused once, then accepted").isEqualTo(2);
        assertThat(rcptAttempts.get("carol@example.org").get()).as("carol: refused for good, not retried").isEqualTo(1);
        assertThat(paperboy.subscribers().find("carol@example.org").orElseThrow().hardBounces()).isEqualTo(1);
        if (!security.equals("none")) {
            assertThat(pipelining.pipelinedMails()).as("every transaction pipelined over TLS").isEqualTo(mails.get());
        }
    }

    /** The message without its Date line, which is the second it was written. */
    private static String withoutDate(String data) {
        return data.replaceFirst("(?m)^Date: [^\r\n]*\r\n", "");
    }
}
