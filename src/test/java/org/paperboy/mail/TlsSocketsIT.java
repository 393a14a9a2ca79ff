package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.testing.TestSetup;
import org.paperboy.testing.TestTls;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Every SMTP socket gets TCP_NODELAY, TLS from the first byte included, and the socket a connection
 * writes its data to is the one Angus talks over: the TLS one with TLS. Against SubEthaSMTP doing
 * STARTTLS (required) or TLS from the first byte, as on port 465. This is the test that fails if an
 * Angus upgrade changes how it makes its sockets (see {@link AngusSockets}): it reads Angus's private
 * socket to compare.
 */
class TlsSocketsIT {

    private static SMTPServer server(String security) {
        SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .messageHandler((context, from, to, data) -> { });
        if (security.equals("ssl")) {
            builder.serverSocketFactory(TestTls.serverContext());
        } else if (security.equals("starttls")) {
            builder.enableTLS().requireTLS().startTlsSocketFactory(TestTls.serverContext());
        }
        SMTPServer server = builder.build();
        server.start();
        return server;
    }

    private static SmtpConfig config(String security, int port) {
        return TestSetup.smtp("""
                host: "localhost"
                port: %d
                security: %s
                connectTimeoutSeconds: 30
                readTimeoutSeconds: 60
                writeTimeoutSeconds: 30
                fromAddress: "digest@paperboy.test"
                caFile: %s
                """.formatted(port, security, security.equals("none") ? "\"\"" : TestSetup.quote(TestTls.certificatePem().toString())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "starttls", "ssl"})
    void theSocketAngusTalksOverHasTcpNoDelayAndIsTheOneTheConnectionWritesTo(String security) throws Exception {
        SMTPServer server = server(security);
        try {
            SmtpConfig config = config(security, server.getPortAllocated());
            Session session = SmtpSessions.create(config);
            PipeliningTransport transport = new PipeliningTransport(session, SmtpSessions.protocol(config));
            AngusSockets.take();
            transport.connect(config.host(), config.port(), null, null);
            try {
                Socket noted = AngusSockets.take();
                Socket angus = angusSocket(transport);

                assertThat(noted).as("the socket noted for the connection").isNotNull().isSameAs(angus);
                assertThat(noted instanceof SSLSocket).as("a TLS socket exactly when there is TLS").isEqualTo(!security.equals("none"));
                assertThat(noted.getTcpNoDelay()).as("TCP_NODELAY").isTrue();
                if (noted instanceof SSLSocket tls) {
                    assertThat(tls.getSession().getProtocol()).startsWith("TLS");
                }
            } finally {
                transport.close();
            }
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "ssl"})
    void aConnectionOverTlsSendsItsDataThroughTheTlsSocket(String security) throws Exception {
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .messageHandler((context, from, to, data) -> received.add(to + "\n" + new String(data, java.nio.charset.StandardCharsets.ISO_8859_1)));
        if (security.equals("ssl")) {
            builder.serverSocketFactory(TestTls.serverContext());
        } else {
            builder.enableTLS().requireTLS().startTlsSocketFactory(TestTls.serverContext());
        }
        SMTPServer server = builder.build();
        server.start();
        try {
            SmtpMailer mailer = new SmtpMailer(config(security, server.getPortAllocated()));
            try (Mailer.Connection connection = mailer.connect()) {
                connection.send(new OutgoingMail("alice@example.org", "Today's papers", "<p>hi</p>", "hi\n.\n..dots\n",
                        "m1@paperboy.test", java.util.Map.of()));
            }
            assertThat(received).singleElement().asString().startsWith("alice@example.org\n").contains("\r\n.\r\n..dots\r\n")
                    .contains("Message-ID: <m1@paperboy.test>");
        } finally {
            server.stop();
        }
    }

    /** Angus's own socket, which it keeps private: read here only to check ours is the same. */
    private static Socket angusSocket(SMTPTransport transport) throws ReflectiveOperationException {
        Field field = SMTPTransport.class.getDeclaredField("serverSocket");
        field.setAccessible(true);
        return (Socket) field.get(transport);
    }
}
