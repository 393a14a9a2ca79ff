package org.paperboy.mail;

/**
 * Quoted-printable (RFC 2045 6.7) exactly as Jakarta Mail's {@code QPEncoderStream} writes it,
 * so a spliced message carries the same bytes a fresh {@code MimeMessage} would: lines of at most
 * 76 characters ending in a soft break ({@code =}), CRLF for every line break, {@code =} and
 * bytes outside printable ASCII encoded, a space before a line break or at the end encoded. Works
 * one line run at a time: each run starts after a line break (or at the start of the body), so
 * the encoder starts fresh.
 */
final class QuotedPrintable {

    /** Characters before the soft break's {@code =}: 76 in all. */
    private static final int PER_LINE = 75;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Bytes out;
    private int count;
    private boolean gotSpace;

    /** An encoder at the start of a line. */
    QuotedPrintable(Bytes out) {
        this.out = out;
    }

    /** Encodes bytes in which every line break is a lone LF (CR was normalised away). */
    void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i] & 0xff);
        }
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    private void write(int c) {
        if (gotSpace) {
            // a space is encoded only when a line break follows it
            output(' ', c == '\n');
            gotSpace = false;
        }
        if (c == '\n') {
            out.add('\r');
            out.add('\n');
            count = 0;
        } else if (c == ' ') {
            gotSpace = true;
        } else {
            output(c, c < 040 || c >= 0177 || c == '=');
        }
    }

    /** Ends the content: a pending space is encoded, as at the end of a line. */
    void finish() {
        if (gotSpace) {
            output(' ', true);
            gotSpace = false;
        }
    }

    private void output(int c, boolean encode) {
        if (encode) {
            if ((count += 3) > PER_LINE) {
                softBreak();
                count = 3;
            }
            out.add('=');
            out.add(HEX[c >> 4]);
            out.add(HEX[c & 0xf]);
        } else {
            if (++count > PER_LINE) {
                softBreak();
                count = 1;
            }
            out.add(c);
        }
    }

    private void softBreak() {
        out.add('=');
        out.add('\r');
        out.add('\n');
    }
}
