package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.paperboy.testing.TestSetup;

/**
 * What {@link AngusSockets} relies on in Angus, which is no API: the socket {@code SMTPTransport}
 * talks over is the plain one our factory made, and for TLS (STARTTLS and smtps) Angus layers it by
 * handing its connected plain socket to our {@link TlsSockets}. Against a few lines of SMTP on
 * loopback; the TLS factory under ours records what it is given and refuses, so no handshake is
 * needed. If an Angus upgrade changes any of this, this test fails (and {@code TlsSocketsIT} with a
 * real TLS server).
 */
class AngusSocketsTest {

    @Test
    void theSocketAngusHoldsIsThePlainOneOurFactoryMadeAndNoted() throws Exception {
        try (ScriptedServer server = new ScriptedServer(false)) {
            SmtpConfig config = config("none", server.port());
            PipeliningTransport transport = new PipeliningTransport(SmtpSessions.create(config), "smtp");
            AngusSockets.take();
            transport.connect(config.host(), config.port(), null, null);
            try {
                Socket noted = AngusSockets.take();
                assertThat(noted).as("the socket noted for the connection").isNotNull().isSameAs(angusSocket(transport));
                assertThat(noted).isNotInstanceOf(SSLSocket.class);
                assertThat(noted.getTcpNoDelay()).isTrue();
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void startTlsLayersTlsOnOurPlainSocketThroughOurFactory() throws Exception {
        try (ScriptedServer server = new ScriptedServer(true)) {
            SmtpConfig config = config("starttls", server.port());
            Session session = SmtpSessions.create(config);
            Recording under = new Recording();
            session.getProperties().put("mail.smtp.ssl.socketFactory", new TlsSockets(under));
            PipeliningTransport transport = new PipeliningTransport(session, "smtp");
            AngusSockets.take();

            assertThatThrownBy(() -> transport.connect(config.host(), config.port(), null, null)).isInstanceOf(MessagingException.class);

            Socket noted = AngusSockets.take();
            assertThat(under.plain).as("Angus handed its plain socket to our TLS factory").isNotNull().isSameAs(noted);
            assertThat(under.port).isEqualTo(server.port());
        }
    }

    @Test
    void smtpsLayersTlsOnAConnectedPlainSocketThroughOurFactory() throws Exception {
        try (ScriptedServer server = new ScriptedServer(false)) {
            // after our factory refuses, Angus 2.0.3 waits out the read timeout on that connection: a short one
            SmtpConfig config = config("ssl", server.port(), 1);
            Session session = SmtpSessions.create(config);
            Recording under = new Recording();
            session.getProperties().put("mail.smtps.ssl.socketFactory", new TlsSockets(under));
            PipeliningTransport transport = new PipeliningTransport(session, "smtps");

            assertThatThrownBy(() -> transport.connect(config.host(), config.port(), null, null)).isInstanceOf(MessagingException.class);

            assertThat(under.plain).as("Angus handed a plain socket to our TLS factory").isNotNull().isNotInstanceOf(SSLSocket.class);
            assertThat(under.connectedTo).isEqualTo(server.port());
            assertThat(under.noDelay).as("TCP_NODELAY set under TLS").isTrue();
        }
    }

    private static SmtpConfig config(String security, int port) {
        return config(security, port, 30);
    }

    private static SmtpConfig config(String security, int port, int readTimeoutSeconds) {
        return TestSetup.smtp("""
                host: "127.0.0.1"
                port: %d
                security: %s
                connectTimeoutSeconds: 30
                readTimeoutSeconds: %d
                writeTimeoutSeconds: 30
                fromAddress: "digest@paperboy.test"
                """.formatted(port, security, readTimeoutSeconds));
    }

    /** Angus's own socket, which it keeps private: read here only to check ours is the same. */
    private static Socket angusSocket(SMTPTransport transport) throws ReflectiveOperationException {
        Field field = SMTPTransport.class.getDeclaredField("serverSocket");
        field.setAccessible(true);
        return (Socket) field.get(transport);
    }

    /** Stands for the trusted TLS factory: records the socket it is to layer TLS on, and refuses. */
    private static final class Recording extends SSLSocketFactory {
        volatile Socket plain;
        volatile int port;
        volatile int connectedTo;
        volatile boolean noDelay;

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            this.plain = socket;
            this.port = port;
            this.connectedTo = socket.getPort();
            this.noDelay = socket.getTcpNoDelay();
            throw new IOException("recorded, no TLS in this test");
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return new String[0];
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return new String[0];
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("Angus asked for a socket TLS runs on from the start");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("Angus asked for a socket TLS runs on from the start");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("Angus asked for a socket TLS runs on from the start");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("Angus asked for a socket TLS runs on from the start");
        }
    }

    /** A few lines of SMTP for one connection: a greeting, EHLO (offering STARTTLS when asked to), STARTTLS, NOOP and QUIT. */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final Thread thread;

        ScriptedServer(boolean startTls) throws IOException {
            thread = new Thread(() -> {
                try {
                    serve(listening.accept(), startTls);
                    while (true) {
                        // a retry after the TLS factory refused: nothing to say to it
                        listening.accept().close();
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            }, "angus-sockets-test-server");
            thread.setDaemon(true);
            thread.start();
        }

        private static void serve(Socket accepted, boolean startTls) {
            try (Socket s = accepted;
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                OutputStream out = s.getOutputStream();
                write(out, "220 localhost ESMTP\r\n");
                for (String line; (line = in.readLine()) != null; ) {
                    String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(java.util.Locale.ROOT);
                    switch (verb) {
                        case "EHLO" -> write(out, startTls ? "250-localhost\r\n250-PIPELINING\r\n250 STARTTLS\r\n"
                                : "250-localhost\r\n250 PIPELINING\r\n");
                        case "STAR" -> write(out, "220 go ahead\r\n");
                        case "QUIT" -> {
                            write(out, "221 bye\r\n");
                            return;
                        }
                        default -> write(out, "250 ok\r\n");
                    }
                }
            } catch (IOException e) {
                // the client went away: the test checks what it saw
            }
        }

        private static void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        int port() {
            return listening.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listening.close();
        }
    }
}
