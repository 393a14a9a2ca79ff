package org.paperboy.bounces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The returned mails under src/test/resources/bounces, written after each MTA's documented format, addressed to a reader. */
public final class Fixtures {

    public static final String ALICE = "alice@example.org";
    public static final String ALICE_VERP = "bounces+alice=example.org@paperboy.test";

    private Fixtures() {
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
