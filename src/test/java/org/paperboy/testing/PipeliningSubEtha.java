package org.paperboy.testing;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SMTPServer;

/**
 * SubEthaSMTP, a real SMTP server that is not ours, speaking TLS after STARTTLS or from the first
 * byte (as on port 465), and offering PIPELINING (RFC 2920). SubEthaSMTP 7.2 reads a pipelined group
 * as it should (one command a line from a buffered stream, each answered on its own) but never says
 * so: its EHLO lists 8BITMIME, SIZE, STARTTLS, CHUNKING and SMTPUTF8. Its TLS socket is wrapped here,
 * so that the EHLO reply sent over TLS has {@code 250-PIPELINING} after {@code 250-8BITMIME}, and what
 * arrives is watched: a MAIL read together with its RCPT and DATA came pipelined, in one write.
 * Nothing else is changed: the commands, the answers and the message data are SubEthaSMTP's own.
 */
public final class PipeliningSubEtha {

    private final AtomicInteger pipelinedMails = new AtomicInteger();

    /**
     * Sets the builder up for TLS with this context, from the first byte ({@code implicit}) or by
     * STARTTLS, which the server then requires before MAIL.
     */
    public SMTPServer.Builder tls(SMTPServer.Builder builder, SSLContext context, boolean implicit) {
        if (implicit) {
            return builder.serverSocketFactory(() -> new Listening(context.getServerSocketFactory().createServerSocket()));
        }
        return builder.enableTLS().requireTLS().startTlsSocketFactory(plain -> {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, plain.getInetAddress().getHostAddress(),
                    plain.getPort(), true);
            tls.setUseClientMode(false);
            return new Watched(tls);
        });
    }

    /** How many MAIL commands arrived in the same read as their RCPT and DATA: sent pipelined. */
    public int pipelinedMails() {
        return pipelinedMails.get();
    }

    /** A TLS server socket whose connections are {@link Watched}. */
    private final class Listening extends ServerSocket {
        private final ServerSocket tls;

        Listening(ServerSocket tls) throws IOException {
            this.tls = tls;
        }

        @Override
        public void bind(SocketAddress endpoint, int backlog) throws IOException {
            tls.bind(endpoint, backlog);
        }

        @Override
        public int getLocalPort() {
            return tls.getLocalPort();
        }

        @Override
        public InetAddress getInetAddress() {
            return tls.getInetAddress();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return tls.getLocalSocketAddress();
        }

        @Override
        public boolean isBound() {
            return tls.isBound();
        }

        @Override
        public Socket accept() throws IOException {
            return new Watched((SSLSocket) tls.accept());
        }

        @Override
        public void close() throws IOException {
            tls.close();
        }

        @Override
        public boolean isClosed() {
            return tls.isClosed();
        }
    }

    /** The server's TLS socket, with PIPELINING added to EHLO and pipelined MAILs counted. */
    private final class Watched extends ForwardingSslSocket {
        private static final byte[] AFTER = "250-8BITMIME\r\n".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] OFFER = "250-PIPELINING\r\n".getBytes(StandardCharsets.US_ASCII);

        Watched(SSLSocket tls) {
            super(tls);
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(tls.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        String chunk = new String(b, off, n, StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT);
                        if (chunk.contains("MAIL FROM:") && chunk.contains("\r\nRCPT TO:") && chunk.contains("\r\nDATA\r\n")) {
                            pipelinedMails.incrementAndGet();
                        }
                    }
                    return n;
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return new FilterOutputStream(tls.getOutputStream()) {
                private final ByteArrayOutputStream line = new ByteArrayOutputStream();

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteArrayOutputStream edited = new ByteArrayOutputStream(len + OFFER.length);
                    for (int i = off; i < off + len; i++) {
                        edited.write(b[i]);
                        line.write(b[i]);
                        if (b[i] == '\n') {
                            if (Arrays.equals(line.toByteArray(), AFTER)) {
                                edited.write(OFFER);
                            }
                            line.reset();
                        }
                    }
                    out.write(edited.toByteArray());
                }
            };
        }
    }
}
