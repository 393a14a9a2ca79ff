package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.paperboy.testing.TestSetup;

/** A server that stops reading in the middle of a message: the write times out, and the message is deferred. */
class WriteTimeoutIT {

    @Test
    void aServerThatStopsReadingTimesOutTheWriteAndTheMessageIsDeferred() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);   // a small window, so the client's writes block soon
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread serving = new Thread(() -> stopReadingAtData(server, done));
            serving.setDaemon(true);
            serving.start();
            // a long read timeout: only the write timeout can end this send
            SmtpConfig config = TestSetup.smtp("""
                    host: "127.0.0.1"
                    port: %d
                    security: none
                    connectTimeoutSeconds: 5
                    readTimeoutSeconds: 600
                    writeTimeoutSeconds: 1
                    fromAddress: "digest@paperboy.test"
                    """.formatted(server.getLocalPort()));
            SmtpMailer mailer = new SmtpMailer(config);
            String text = ("a line of the digest that the server will never read, =, é and all\n").repeat(400_000);
            OutgoingMail big = new OutgoingMail("alice@example.org", "Big", null, text, "big@paperboy.test", Map.of());
            // no clock in the assertion: were the write timeout not enforced, the send would end by the
            // read timeout instead, and the message would not say "write timed out"
            try (Mailer.Connection connection = mailer.connect()) {
                assertThatThrownBy(() -> connection.send(big)).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("alice@example.org").hasMessageContaining("write timed out")
                        .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isFalse());
            }
        } finally {
            done.countDown();
        }
    }

    /** Speaks SMTP up to DATA's 354, then never reads again until the test is over. */
    private static void stopReadingAtData(ServerSocket server, CountDownLatch done) {
        try (Socket client = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write("220 stalling.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                out.write((verb.equals("EHLO") ? "250 stalling.test\r\n" : verb.equals("DATA") ? "354 go ahead\r\n" : "250 OK\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                if (verb.equals("DATA")) {
                    done.await();
                    return;
                }
            }
        } catch (Exception e) {
            // the test is over
        }
    }
}
