package org.paperboy.bounces;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Splits an mbox file into messages at its "From " lines (mboxrd's {@code >From} unquoted), each with
 * the byte range it holds in the file, so a reader can remember where it stopped.
 */
final class Mbox {

    /** How long an mbox must be left untouched before a last message without its closing blank line is taken as whole. */
    static final Duration SETTLED = Duration.ofMinutes(1);

    /** Receives each message: its number in the file (from 1), where its "From " line starts, where it ends. */
    interface Visitor {
        void message(long number, long start, long end, byte[] raw);
    }

    private Mbox() {
    }

    /** Whether the file starts with "From ", as an mbox does. */
    static boolean is(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(5), StandardCharsets.ISO_8859_1).equals("From ");
        } catch (IOException e) {
            throw new BounceException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Every message of the file, the last one as it stands. */
    static void readAll(Path file, Visitor visitor) {
        try (FileChannel channel = FileChannel.open(file)) {
            split(channel, 0, 0, channel.size(), true, visitor);
        } catch (IOException e) {
            throw new BounceException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The messages from {@code start} (a "From " line, or 0) up to {@code limit}; the last one only if it
     * is whole: followed by its blank line, or {@code lastWhole}. Returns where the messages handed
     * over end, where the next read starts.
     */
    static long split(FileChannel channel, long start, long numbered, long limit, boolean lastWhole, Visitor visitor) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(start)), 1 << 16);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        long position = start;
        long from = -1;
        long number = numbered;
        boolean blankEnd = false;
        for (byte[] line = readLine(in, limit - position); line != null; line = readLine(in, limit - position)) {
            if (startsWith(line, "From ")) {
                if (from >= 0) {
                    visitor.message(++number, from, position, message.toByteArray());
                    message.reset();
                }
                from = position;
            } else if (from >= 0) {
                boolean quoted = line.length > 1 && line[0] == '>' && unquotable(line);
                message.write(line, quoted ? 1 : 0, line.length - (quoted ? 1 : 0));
            }
            blankEnd = line.length > 0 && line[0] == '\n' || line.length == 2 && line[0] == '\r' && line[1] == '\n';
            position += line.length;
        }
        if (from >= 0 && (blankEnd || lastWhole)) {
            visitor.message(++number, from, position, message.toByteArray());
            return position;
        }
        return from >= 0 ? from : position;
    }

    /** Whether nothing has written to the file for a while: an MTA appending to it would have. */
    static boolean settled(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(SETTLED));
    }

    /** The size of the file once no MTA holds its fcntl lock: a message being appended is whole or not begun. */
    static long size(FileChannel channel) throws IOException {
        try (FileLock lock = channel.lock(0, Long.MAX_VALUE, true)) {
            return channel.size();
        } catch (IOException | UnsupportedOperationException e) {
            return channel.size();
        }
    }

    /** Whether the bytes at {@code offset} begin a message ("From "), or are the end of the file. */
    static boolean boundary(FileChannel channel, long offset, long size) throws IOException {
        if (offset == size || offset == 0) {
            return true;
        }
        ByteBuffer head = ByteBuffer.allocate(5);
        while (head.hasRemaining() && channel.read(head, offset + head.position()) > 0) {
            // reads the five bytes
        }
        return new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1).equals("From ");
    }

    /** mboxrd: a line {@code >From } or {@code >>From } lost one {@code >} when it was quoted. */
    private static boolean unquotable(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        return line.length - i >= 5 && new String(line, i, 5, StandardCharsets.ISO_8859_1).equals("From ");
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** One line including its line end, at most {@code left} bytes, or null at the end. */
    private static byte[] readLine(InputStream in, long left) throws IOException {
        if (left <= 0) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b = 0;
        while (line.size() < left && (b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }
}
