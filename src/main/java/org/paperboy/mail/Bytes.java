package org.paperboy.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer without the locks of {@link java.io.ByteArrayOutputStream}. */
final class Bytes {

    private byte[] buf;
    private int size;

    Bytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void add(int b) {
        if (size == buf.length) {
            grow(1);
        }
        buf[size++] = (byte) b;
    }

    void add(byte[] b) {
        add(b, 0, b.length);
    }

    void add(byte[] b, int off, int len) {
        if (size + len > buf.length) {
            grow(len);
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Appends an ASCII string; callers have checked that it is ASCII. */
    void ascii(String s) {
        if (size + s.length() > buf.length) {
            grow(s.length());
        }
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    void crlf() {
        add('\r');
        add('\n');
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    /** Doubles a dot at the start of each line (the content starts at the start of a line); true if any was. */
    boolean dotStuff() {
        int dots = 0;
        for (int i = 0; i < size; i++) {
            if (buf[i] == '.' && (i == 0 || buf[i - 1] == '\n')) {
                dots++;
            }
        }
        if (dots == 0) {
            return false;
        }
        byte[] stuffed = new byte[Math.max(buf.length, size + dots)];
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (buf[i] == '.' && (i == 0 || buf[i - 1] == '\n')) {
                stuffed[j++] = '.';
            }
            stuffed[j++] = buf[i];
        }
        buf = stuffed;
        size = j;
        return true;
    }

    private void grow(int more) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
}
