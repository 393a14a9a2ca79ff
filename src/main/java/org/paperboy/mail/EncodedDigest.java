package org.paperboy.mail;

import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.paperboy.digest.RenderedDigest;

/**
 * A digest's {@code multipart/alternative} body encoded once for all its readers: text/plain
 * first and text/html last (RFC 2046 5.1.4: the preferred part last), both UTF-8 in
 * quoted-printable so no line exceeds 76 characters (RFC 2045 6.7) and nothing is 8-bit.
 * The boundary starts with {@code =_}, which quoted-printable never writes, so no body line
 * can match it (RFC 2046 5.1.1).
 */
public final class EncodedDigest {

    private static final byte[] PART_TEXT = ("Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PART_HTML = ("Content-Type: text/html; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final byte[] delimiter;
    private final byte[] closeDelimiter;
    private final EncodedBody text;
    private final EncodedBody html;
    private final RenderedDigest.Slotted textSlots;
    private final RenderedDigest.Slotted htmlSlots;
    private final String subject;
    private final byte[] subjectLine;

    private EncodedDigest(String subject, RenderedDigest.Slotted text, RenderedDigest.Slotted html) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        this.boundary = "=_paperboy_" + HexFormat.of().formatHex(random);
        this.delimiter = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        this.closeDelimiter = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.textSlots = text;
        this.htmlSlots = html;
        this.text = EncodedBody.compile(text.parts(), text.slots());
        this.html = html == null ? null : EncodedBody.compile(html.parts(), html.slots());
        this.subject = subject;
        this.subjectLine = subject == null ? null : encodeSubject(subject);
    }

    /** A rendered digest, its reader slots kept. */
    public static EncodedDigest of(RenderedDigest rendered) {
        return of(rendered.subject(), rendered.textSlots(), rendered.htmlSlots());
    }

    /** Two bodies cut at their slots; {@code html} may be null. */
    static EncodedDigest of(String subject, RenderedDigest.Slotted text, RenderedDigest.Slotted html) {
        return new EncodedDigest(subject, text, html);
    }

    /** A one-off mail without slots; {@code html} may be null for a text-only mail. */
    static EncodedDigest plain(String html, String text) {
        return new EncodedDigest(null, new RenderedDigest.Slotted(List.of(text), new int[0]),
                html == null ? null : new RenderedDigest.Slotted(List.of(html), new int[0]));
    }

    String boundary() {
        return boundary;
    }

    /** The Subject header line with its CRLF: RFC 2047-encoded when not ASCII, folded (RFC 5322 2.2.3). */
    byte[] subjectLine(String s) {
        return s.equals(subject) ? subjectLine : encodeSubject(s);
    }

    private static byte[] encodeSubject(String s) {
        try {
            return ("Subject: " + MimeUtility.fold(9, MimeUtility.encodeText(s, "UTF-8", null)) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** About how many bytes a message body takes. */
    int size() {
        return text.size() + (html == null ? 0 : html.size()) + 512;
    }

    /** Writes the body, from the first boundary to the last, with a reader's UTF-8 slot values; dot-stuffed for SMTP's DATA. */
    void writeTo(OutputStream out, byte[][] textValues, byte[][] htmlValues, Bytes scratch, boolean dotStuffed) throws IOException {
        out.write(delimiter);
        out.write(PART_TEXT);
        text.writeTo(out, textValues, scratch, dotStuffed);
        if (html != null) {
            out.write('\r');
            out.write('\n');
            out.write(delimiter);
            out.write(PART_HTML);
            html.writeTo(out, htmlValues, scratch, dotStuffed);
        }
        out.write('\r');
        out.write('\n');
        out.write(closeDelimiter);
    }

    /** The text part as the reader reads it, values filled in (for logs and tests, not for sending). */
    String text(String[] values) {
        return join(textSlots, values);
    }

    String html(String[] values) {
        return htmlSlots == null ? null : join(htmlSlots, values);
    }

    private static String join(RenderedDigest.Slotted slotted, String[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < slotted.slots().length; i++) {
            out.append(slotted.parts().get(i)).append(values[slotted.slots()[i]]);
        }
        return out.append(slotted.parts().get(slotted.parts().size() - 1)).toString();
    }
}
