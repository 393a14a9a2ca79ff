package org.paperboy.bounces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.paperboy.testing.TestSetup;

/** The returned mails under src/test/resources/bounces, written after each MTA's documented format, addressed to a reader. */
public final class Fixtures {

    public static final String ALICE = "alice@example.org";
    public static final String ALICE_VERP = "bounces+alice=example.org@paperboy.test";

    /** The return path the bounce tests send with: a VERP address per reader. */
    static final String VERP = "bounces+{verp}@paperboy.test";

    private Fixtures() {
    }

    /**
     * The config sections, as in paperboy.yaml, that send through GreenMail at that port with VERP
     * return paths and read bounces as the given {@code bounces} lines say.
     */
    static String sections(Path dir, int smtpPort, String bounces) {
        return TestSetup.smtpSection(dir, smtpPort) + "  envelopeSender: " + TestSetup.quote(VERP) + "\nbounces:\n" + bounces.indent(2);
    }

    /** The {@code bounces} lines for GreenMail's mailbox of that protocol, soft bounces counted 3 in 30 days. */
    static String mailbox(String protocol, int port) {
        return """
                mailbox: "%s://127.0.0.1:%d/INBOX"
                username: "bounces"
                password: "box-secret"
                pollMinutes: 0
                softThreshold: 3
                softWindowDays: 30
                """.formatted(protocol, port);
    }

    /** The fixture for alice, her VERP envelope, and the given Message-ID of the digest that came back. */
    public static byte[] mail(String name, String to, String verp, String messageId) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/bounces/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{to}}", to).replace("{{verp}}", verp).replace("{{msgid}}", messageId);
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] mail(String name) {
        return mail(name, ALICE, ALICE_VERP, "20261123.1.alice@paperboy.test");
    }

    /** The same mail with CRLF line ends, as IMAP servers and Windows MTAs hand it over. */
    public static byte[] crlf(byte[] lf) {
        return new String(lf, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
