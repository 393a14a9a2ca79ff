package org.paperboy.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.paperboy.digest.RenderedDigest;

/**
 * A message's text and HTML parts: a digest encoded once with one reader's values to splice in,
 * or a one-off mail's two strings.
 */
public final class MailBody {

    private static final String[] NONE = new String[0];

    private final EncodedDigest encoded;
    private final String[] textValues;
    private final String[] htmlValues;

    private MailBody(EncodedDigest encoded, String[] textValues, String[] htmlValues) {
        this.encoded = encoded;
        this.textValues = textValues;
        this.htmlValues = htmlValues;
    }

    /** A one-off mail; {@code html} may be null for a text-only mail. */
    public static MailBody of(String html, String text) {
        return new MailBody(EncodedDigest.plain(html, text), NONE, NONE);
    }

    /** A reader's message from a digest encoded once. */
    public static MailBody spliced(EncodedDigest encoded, RenderedDigest.Values values) {
        return new MailBody(encoded, values.text(), values.html());
    }

    /** The text part as the reader reads it. */
    public String text() {
        return encoded.text(textValues);
    }

    /** The HTML part as the reader reads it, or null. */
    public String html() {
        return encoded.html(htmlValues);
    }

    EncodedDigest encoded() {
        return encoded;
    }

    /** Writes the multipart body, from the first boundary to the last; dot-stuffed to go straight into SMTP's DATA. */
    void writeTo(OutputStream out, Bytes scratch, boolean dotStuffed) throws IOException {
        encoded.writeTo(out, utf8(textValues), utf8(htmlValues), scratch, dotStuffed);
    }

    private static byte[][] utf8(String[] values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
