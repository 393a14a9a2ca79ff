package org.paperboy.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One body part (text or HTML) quoted-printable encoded once, with the reader slots kept: every
 * line without a slot is stored encoded; a line with a slot is stored raw and encoded per reader
 * with the reader's values in it, so soft breaks fall where a fresh encoding puts them. Lines are
 * short next to the body, so a reader costs little more than copying the stored bytes.
 */
final class EncodedBody {

    /** A stored piece: encoded bytes, or a raw line with slots (byte[] runs and Integer slot numbers). */
    private final Object[] pieces;
    private final int size;

    private EncodedBody(Object[] pieces, int size) {
        this.pieces = pieces;
        this.size = size;
    }

    /**
     * Encodes a body cut at its slots: parts.get(0), slot slots[0], parts.get(1), ..., the last part.
     * Line breaks become CRLF whatever they were (CRLF, CR or LF), as Jakarta Mail writes them.
     */
    static EncodedBody compile(List<String> parts, int[] slots) {
        List<Object> pieces = new ArrayList<>();
        Bytes fixed = new Bytes(1 << 16);
        List<Object> line = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] part = normaliseBreaks(parts.get(i)).getBytes(StandardCharsets.UTF_8);
            int from = 0;
            for (int nl = indexOf(part, from); nl >= 0; nl = indexOf(part, from)) {
                line.add(slice(part, from, nl + 1));
                flushLine(line, fixed, pieces, false);
                from = nl + 1;
            }
            if (from < part.length) {
                line.add(slice(part, from, part.length));
            }
            if (i < slots.length) {
                line.add(slots[i]);
            }
        }
        flushLine(line, fixed, pieces, true);
        if (fixed.size() > 0) {
            pieces.add(Fixed.of(fixed.toArray()));
        }
        int size = 0;
        for (Object piece : pieces) {
            size += piece instanceof Fixed f ? f.plain().length : 256;
        }
        return new EncodedBody(pieces.toArray(), size);
    }

    /** Ends a line: encoded into the fixed run when it has no slot, kept raw otherwise. */
    private static void flushLine(List<Object> line, Bytes fixed, List<Object> pieces, boolean last) {
        if (line.isEmpty()) {
            return;
        }
        if (line.stream().anyMatch(Integer.class::isInstance)) {
            if (fixed.size() > 0) {
                pieces.add(Fixed.of(fixed.toArray()));
                fixed.clear();
            }
            pieces.add(new Line(line.toArray(), last));
        } else {
            QuotedPrintable qp = new QuotedPrintable(fixed);
            line.forEach(run -> qp.write((byte[]) run));
            if (last) {
                qp.finish();
            }
        }
        line.clear();
    }

    /** A line with slots; {@code last} when it ends the body without a line break. */
    private record Line(Object[] runs, boolean last) {
    }

    /** About how many bytes a reader's part takes: for sizing buffers. */
    int size() {
        return size;
    }

    /**
     * Writes the part for one reader: {@code values[n]} is slot n's value, UTF-8, with no line break.
     * With {@code dotStuffed}, a line that starts with a dot gets a second one, as SMTP's DATA wants
     * (RFC 5321 4.5.2); every piece starts at the start of a line, so that is known piece by piece.
     */
    void writeTo(OutputStream out, byte[][] values, Bytes scratch, boolean dotStuffed) throws IOException {
        for (Object piece : pieces) {
            if (piece instanceof Fixed fixed) {
                out.write(dotStuffed ? fixed.stuffed() : fixed.plain());
            } else {
                Line line = (Line) piece;
                scratch.clear();
                QuotedPrintable qp = new QuotedPrintable(scratch);
                for (Object run : line.runs()) {
                    qp.write(run instanceof Integer slot ? values[slot] : (byte[]) run);
                }
                if (line.last()) {
                    qp.finish();
                }
                if (dotStuffed) {
                    scratch.dotStuff();
                }
                scratch.writeTo(out);
            }
        }
    }

    /** Encoded lines as they are, and with their leading dots doubled (the same array when none starts with a dot). */
    private record Fixed(byte[] plain, byte[] stuffed) {
        static Fixed of(byte[] plain) {
            Bytes stuffed = new Bytes(plain.length);
            stuffed.add(plain);
            return new Fixed(plain, stuffed.dotStuff() ? stuffed.toArray() : plain);
        }
    }

    private static String normaliseBreaks(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return from == 0 && to == b.length ? b : java.util.Arrays.copyOfRange(b, from, to);
    }
}
