package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.ClosedPort;

/** {@code paperboy check} against real SMTP servers (GreenMail, with and without AUTH) and a closed port. */
class CheckCommandIT {

    @RegisterExtension
    static GreenMailExtension open = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static GreenMailExtension withAuth = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("sender", "right-password-123"));

    @TempDir
    Path dir;

    @Test
    void aGoodInstallationPassesWithALoopbackRelayWithoutTlsAsANote() throws IOException {
        OperatorConfig.Run run = check(OperatorConfig.good(open.getSmtp().getPort()), Map.of());

        assertThat(run.exit).as(run.out()).isZero();
        assertThat(run.out()).contains("ok    database.url: opened and migrated")
                .contains("papers.sources: seeds/: ")
                .contains("ok    email.templates: the digest renders")
                .contains("ok    smtp.host: connected to 127.0.0.1:" + open.getSmtp().getPort())
                .contains("note  smtp.security: none: handing mail to a relay on loopback without TLS")
                .contains("ok    email.publicBaseUrl: https://news.paperboy.test")
                .contains("ok    smtp.fromAddress: digest@news.paperboy.test")
                .contains("ok    email.postalAddress: ")
                .contains("ok    tokens.secret: set")
                .doesNotContain("FAIL");
        assertThat(open.getReceivedMessages()).as("check sends nothing").isEmpty();
    }

    @Test
    void smtpAuthWithTheRightPasswordIsAccepted() throws IOException {
        OperatorConfig.Run run = check(OperatorConfig.good(withAuth.getSmtp().getPort()).username("sender"),
                Map.of("PAPERBOY_SMTP_PASSWORD", "right-password-123"));

        assertThat(run.exit).as(run.out()).isZero();
        assertThat(run.out()).contains("ok    smtp.username: AUTH accepted for sender").doesNotContain("right-password-123");
    }

    @Test
    void aWrongSmtpPasswordFailsNamingTheKeyWithoutPrintingIt() throws IOException {
        OperatorConfig.Run run = check(OperatorConfig.good(withAuth.getSmtp().getPort()).username("sender"),
                Map.of("PAPERBOY_SMTP_PASSWORD", "wrong-password-456"));

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  smtp.password: AUTH refused for sender").doesNotContain("wrong-password-456")
                .contains("1 check(s) failed.");
    }

    @Test
    void starttlsRequiredButNotOfferedFailsTheSecurityKey() throws IOException {
        OperatorConfig.Run run = check(OperatorConfig.good(open.getSmtp().getPort()).security("starttls"), Map.of());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out()).contains("ok    smtp.host: connected to").contains("FAIL  smtp.security: STARTTLS failed");
    }

    @Test
    void aClosedPortFailsTheSmtpHost() throws IOException {
        // held, not found free and released: no other process can listen on it while check connects
        try (ClosedPort closed = new ClosedPort()) {
            OperatorConfig.Run run = check(OperatorConfig.good(closed.port()), Map.of());

            assertThat(run.exit).isEqualTo(1);
            assertThat(run.out()).contains("FAIL  smtp.host: cannot connect to 127.0.0.1:" + closed.port());
        }
    }

    @Test
    void everyWrongSenderIdentityItemFailsWithItsKey() throws IOException {
        OperatorConfig config = OperatorConfig.good(open.getSmtp().getPort()).publicBaseUrl("http://127.0.0.1:8080")
                .from("paperboy@localhost.localdomain").postal("Paperboy, 1 Example Street, 00000 Example City").secret(null);

        OperatorConfig.Run run = check(config, Map.of());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  email.publicBaseUrl: \"http://127.0.0.1:8080\" is not https")
                .contains("FAIL  smtp.fromAddress: \"paperboy@localhost.localdomain\" is not at a real domain")
                .contains("FAIL  email.postalAddress: still the example address")
                .contains("FAIL  tokens.secret: not set")
                .contains("4 check(s) failed.");
    }

    @Test
    void withoutSmtpHostTheIdentityIsAWarningAndTheOutboxFolderIsNamed() throws IOException {
        OperatorConfig config = OperatorConfig.good(null).publicBaseUrl("https://localhost:8443");

        OperatorConfig.Run run = check(config, Map.of());

        assertThat(run.exit).as(run.out()).isZero();
        assertThat(run.out()).contains("ok    smtp.host: not set: mail is written to the outbox folder")
                .contains("warn  email.publicBaseUrl: \"https://localhost:8443\" is not reachable by readers");
    }

    @Test
    void aServerThatAcceptsButNeverGreetsFailsWithinTheReadTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread accepter = new Thread(() -> {
                try (java.net.Socket s = silent.accept()) {
                    s.getInputStream().read();   // keeps the connection open, says nothing
                    s.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            accepter.setDaemon(true);
            accepter.start();

            // the server never answers: any read timeout runs out, so a short one keeps the test short
            OperatorConfig.Run run = check(OperatorConfig.good(silent.getLocalPort()).readTimeout(5), Map.of());

            assertThat(run.exit).isEqualTo(1);
            assertThat(run.out()).contains("FAIL  smtp.host: SMTP session with 127.0.0.1:" + silent.getLocalPort() + " failed");
        }
    }

    @Test
    void aUrlSourceThatAnswers404Fails() throws IOException {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/api/daily_papers?date={date}";
            OperatorConfig.Run run = check(OperatorConfig.good(null).sources("[\"" + url + "\"]"), Map.of());

            assertThat(run.exit).isEqualTo(1);
            assertThat(run.out()).contains("FAIL  papers.sources: " + url + ": ").contains("404");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aMissingSourceFails() throws IOException {
        OperatorConfig.Run run = check(OperatorConfig.good(null).sources("[" + dir.resolve("nowhere") + "]"), Map.of());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  papers.sources: " + dir.resolve("nowhere"));
    }

    private OperatorConfig.Run check(OperatorConfig config, Map<String, String> env) throws IOException {
        return new OperatorConfig.Run(env, "check", "-c", config.write(dir).toString());
    }
}
