package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Commands;
import org.paperboy.app.ConfigLoader;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.TestSetup;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * SMTP with {@code security: starttls} against a real server that does STARTTLS and AUTH (SubEthaSMTP;
 * GreenMail has no STARTTLS), as an operator of a relay with a private CA sets it up: the server's
 * certificate is signed by a CA made at test time with keytool, and Paperboy trusts that CA through
 * {@code smtp.caFile}. The server refuses MAIL before STARTTLS and before AUTH, so a message it
 * accepted came over TLS from the authenticated sender. {@code security: ssl} (TLS from the first
 * byte, as on port 465) is tried against the same server listening on a TLS socket.
 */
class StartTlsIT {

    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    static final List<String> READERS = List.of("alice@example.org", "bob@example.org", "carol@example.org");
    static final String USER = "sender";
    static final String PASSWORD = "tls-only-Pa55word-8810";
    static final String STOREPASS = "changeit";

    @TempDir
    static Path certs;

    /** The CA the server's certificate is signed by, and a CA that signed nothing of the server's. */
    static Path caPem;
    static Path otherCaPem;
    static SSLContext serverTls;

    @TempDir
    Path dir;

    private SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Paperboy paperboy;

    record Received(String from, String to, boolean tls, Object identity) {
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        Path ca = certs.resolve("ca.p12");
        Path other = certs.resolve("other-ca.p12");
        Path server = certs.resolve("server.p12");
        caPem = certs.resolve("ca.pem");
        otherCaPem = certs.resolve("other-ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3",
                "-dname", "CN=Paperboy Test Relay CA", "-ext", "bc:c", "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caPem.toString());
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3",
                "-dname", "CN=Some Other CA", "-ext", "bc:c", "-keystore", other.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", other.toString(), "-file", otherCaPem.toString());
        keytool("-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3",
                "-dname", "CN=localhost", "-keystore", server.toString());
        Path csr = certs.resolve("smtp.csr");
        Path signed = certs.resolve("smtp.pem");
        keytool("-certreq", "-alias", "smtp", "-keystore", server.toString(), "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(), "-outfile", signed.toString(),
                "-rfc", "-validity", "3", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", server.toString(), "-file", caPem.toString());
        keytool("-importcert", "-alias", "smtp", "-keystore", server.toString(), "-file", signed.toString());

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            keys.load(in, STOREPASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, STOREPASS.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));   // a short-lived JVM starts faster
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STOREPASS));
        Path log = certs.resolve("keytool.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("keytool " + args[0] + " finished").isTrue();
        assertThat(p.exitValue()).as("keytool " + String.join(" ", args) + ":\n" + Files.readString(log)).isZero();
    }

    @BeforeEach
    void startServer() {
        server = startServer(false);
    }

    /** STARTTLS required, or (implicit) TLS from the first byte as on port 465; AUTH required either way. */
    private SMTPServer startServer(boolean implicit) {
        SMTPServer.Builder builder = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost");
        if (implicit) {
            builder.serverSocketFactory(serverTls);
        } else {
            builder.enableTLS().requireTLS().startTlsSocketFactory(serverTls);
        }
        SMTPServer started = builder
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                }))
                .requireAuth()
                .messageHandler((context, from, to, data) -> received.add(new Received(from, to,
                        ((Session) context).isTLSStarted() || ((Session) context).getSocket() instanceof SSLSocket,
                        context.getAuthenticationHandler().map(a -> a.getIdentity()).orElse(null))))
                .build();
        started.start();
        return started;
    }

    @AfterEach
    void stop() {
        if (paperboy != null) {
            paperboy.close();
        }
        server.stop();
    }

    @Test
    void theServerRefusesMailBeforeStartTls() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPortAllocated())) {
            socket.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            out.write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            List<String> ehlo = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                ehlo.add(line);
            } while (line != null && line.startsWith("250-"));
            assertThat(ehlo).contains("250-STARTTLS");
            out.write("MAIL FROM:<digest@news.paperboy.test>\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("530");
        }
    }

    @Test
    void sendOverStartTlsDeliversToEveryConfirmedReaderAfterTlsAndAuth() {
        DeliveryReport report = send(caPem);

        assertThat(report.sent()).as(String.valueOf(report.problem())).isEqualTo(3);
        assertThat(report.deferred()).isZero();
        assertThat(report.exitCode()).isZero();
        assertThat(received).extracting(Received::to).containsExactlyInAnyOrderElementsOf(READERS);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.tls()).as("the session was upgraded to TLS before MAIL FROM").isTrue();
            assertThat(r.identity()).as("AUTH").isEqualTo(USER);
        });
    }

    @Test
    void sendToAServerWhoseCertificateIsNotTrustedDefersEveryoneAndALaterRunDeliversThem() {
        DeliveryReport untrusted = send(otherCaPem);

        assertThat(untrusted.sent()).isZero();
        assertThat(untrusted.deferred()).isEqualTo(3);
        assertThat(untrusted.failed()).isZero();
        assertThat(untrusted.exitCode()).isEqualTo(3);
        assertThat(untrusted.problem()).startsWith("SMTP server's TLS not accepted: ").contains("TLS").contains("certification path").doesNotContain(PASSWORD);
        assertThat(received).as("nothing reached the server").isEmpty();
        paperboy.close();
        paperboy = null;

        DeliveryReport trusted = send(caPem);

        assertThat(trusted.sent()).as("nothing was lost: " + trusted.problem()).isEqualTo(3);
        assertThat(trusted.alreadySent()).isZero();
        assertThat(received).extracting(Received::to).containsExactlyInAnyOrderElementsOf(READERS);
    }

    @Test
    void checkReportsStartTlsAndAuthOk() throws IOException {
        Commands.Result run = check(caPem);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("ok    smtp.host: connected to 127.0.0.1:" + server.getPortAllocated())
                .contains("ok    smtp.security: STARTTLS negotiated")
                .contains("ok    smtp.connections: relay round trip ")
                .contains("ok    smtp.username: AUTH accepted for " + USER)
                .doesNotContain("FAIL")
                .doesNotContain(PASSWORD);
        assertThat(received).as("check sends nothing").isEmpty();
    }

    @Test
    void checkWithoutTheRelaysCaFailsTheStartTlsStepOnOneLineWithoutThePassword() throws IOException {
        Commands.Result run = check(null);   // the JVM's CAs only: the relay's private CA is not among them

        assertThat(run.exit()).isEqualTo(1);
        List<String> failures = run.out().lines().filter(l -> l.startsWith("FAIL")).toList();
        assertThat(failures).as(run.out()).hasSize(1);
        assertThat(failures.get(0)).startsWith("FAIL  smtp.security: STARTTLS failed: ").contains("certification path")
                .contains("set smtp.caFile");
        assertThat(run.out()).contains("ok    smtp.host: connected to 127.0.0.1:" + server.getPortAllocated());
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void sendOverImplicitTlsDeliversToEveryConfirmedReaderAndCheckSaysSo() throws IOException {
        SMTPServer smtps = startServer(true);
        try {
            security = "ssl";
            port = smtps.getPortAllocated();

            Commands.Result run = check(caPem);
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("ok    smtp.security: TLS from the first byte (SMTPS)")
                    .contains("ok    smtp.username: AUTH accepted for " + USER).doesNotContain(PASSWORD);

            DeliveryReport report = send(caPem);
            assertThat(report.sent()).as(String.valueOf(report.problem())).isEqualTo(3);
            assertThat(report.exitCode()).isZero();
            assertThat(received).extracting(Received::to).containsExactlyInAnyOrderElementsOf(READERS);
            assertThat(received).allSatisfy(r -> {
                assertThat(r.tls()).as("the connection was TLS from the first byte").isTrue();
                assertThat(r.identity()).as("AUTH").isEqualTo(USER);
            });
        } finally {
            smtps.stop();
        }
    }

    @Test
    void sendOverImplicitTlsToAnUntrustedCertificateDefersEveryoneAndNamesTls() throws IOException {
        SMTPServer smtps = startServer(true);
        try {
            security = "ssl";
            port = smtps.getPortAllocated();

            Commands.Result run = check(otherCaPem);
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out().lines().filter(l -> l.startsWith("FAIL")).toList()).as(run.out())
                    .singleElement().asString().startsWith("FAIL  smtp.security: TLS failed: ").contains("certification path");

            DeliveryReport report = send(otherCaPem);
            assertThat(report.sent()).isZero();
            assertThat(report.deferred()).isEqualTo(3);
            assertThat(report.exitCode()).isEqualTo(3);
            assertThat(report.problem()).startsWith("SMTP server's TLS not accepted: ").doesNotContain(PASSWORD);
            assertThat(received).isEmpty();
        } finally {
            smtps.stop();
        }
    }

    /** The config's smtp.security and port: STARTTLS on the per-test server unless a test says otherwise. */
    private String security = "starttls";
    private Integer port;

    private DeliveryReport send(Path caFile) {
        try {
            paperboy = Paperboy.wire(ConfigLoader.load(config(caFile), Map.of("PAPERBOY_SMTP_PASSWORD", PASSWORD)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (paperboy.subscribers().find(READERS.get(0)).isEmpty()) {
            for (String reader : READERS) {
                paperboy.subscriptions().subscribe(reader, Preferences.NONE, Frequency.DAILY,
                        new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
            }
        }
        return paperboy.send(paperboy.deliveryRun(), FRIDAY, List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
    }

    private Commands.Result check(Path caFile) throws IOException {
        return Commands.run(Map.of("PAPERBOY_SMTP_PASSWORD", PASSWORD), "check", "-c", config(caFile).toString());
    }

    /** The operator's config: STARTTLS with AUTH to the relay on loopback, its CA in smtp.caFile. */
    private Path config(Path caFile) throws IOException {
        return Files.writeString(dir.resolve("paperboy.yaml"), """
                papers:
                  sources: [seeds/]
                email:
                  publicBaseUrl: "https://news.paperboy.test"
                  postalAddress: "Paperboy Press, 5 Mill Lane, Cambridge CB2 1RX, United Kingdom"
                smtp:
                  host: 127.0.0.1
                  port: %d
                  security: %s
                  username: %s
                  caFile: "%s"
                  fromAddress: digest@news.paperboy.test
                  connections: 2
                  connectTimeoutSeconds: 30
                  readTimeoutSeconds: 60
                  outbox: "%s"
                database:
                  url: "%s"
                tokens:
                  secret: "%s"
                """.formatted(port == null ? server.getPortAllocated() : port, security, USER, caFile == null ? "" : caFile, dir.resolve("outbox"),
                TestSetup.sqliteUrl(dir), TestSetup.SECRET));
    }
}
