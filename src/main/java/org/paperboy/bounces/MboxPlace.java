package org.paperboy.bounces;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An mbox read from where the last run stopped. The place is kept beside it, in {@code .NAME.paperboy}:
 * the offset after the last message handled, that message's number, and a fingerprint of the bytes
 * before the offset (SHA-256 of the offset and of the first and last 64 KiB before it). An mbox
 * rewritten or cut shorter no longer matches and is read from the start: the database's idempotence
 * by mail key keeps what was recorded from counting twice. The mbox itself is never written.
 *
 * <p>The place file is locked (fcntl) for the whole read, so a second processor waits and then reads
 * only what came after; the mbox's size is taken under a shared fcntl lock, as MTAs lock it to append.
 */
final class MboxPlace {

    private static final Logger LOG = LoggerFactory.getLogger(MboxPlace.class);
    private static final int WINDOW = 64 * 1024;
    /** fcntl locks are the process's: threads of one JVM take turns here first. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path mbox;
    private final Path place;

    /** A place read back: where to start, and how many messages lie before it. */
    private record Place(long offset, long number) {
    }

    MboxPlace(Path mbox) {
        this.mbox = mbox;
        this.place = mbox.resolveSibling("." + mbox.getFileName() + ".paperboy");
    }

    void read(MailSource.Handler handler) {
        ReentrantLock turn = IN_PROCESS.computeIfAbsent(mbox.toAbsolutePath().normalize(), p -> new ReentrantLock());
        turn.lock();
        try (FileChannel state = FileChannel.open(place, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
             FileLock lock = state.lock();
             FileChannel channel = FileChannel.open(mbox)) {
            long size = Mbox.size(channel);
            Place from = resume(state, channel, size);
            List<long[]> ends = new ArrayList<>();
            BitSet done = new BitSet();
            try {
                Mbox.split(channel, from.offset(), from.number(), size, Mbox.settled(mbox), (number, start, end, raw) -> {
                    int i = ends.size();
                    ends.add(new long[] {end, number});
                    handler.handle(mbox + "#" + number, raw, () -> done.set(i), () -> done.set(i));
                });
                handler.flush();
            } finally {
                int handled = done.nextClearBit(0);
                if (handled > 0) {
                    long[] last = ends.get(handled - 1);
                    save(state, channel, last[0], last[1]);
                }
            }
        } catch (IOException e) {
            throw new BounceException(mbox + ": cannot read from where the last run stopped (" + place.getFileName() + "): "
                    + e.getMessage(), e);
        } finally {
            turn.unlock();
        }
    }

    private Place resume(FileChannel state, FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(state.size(), 4096));
        state.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            return new Place(0, 0);
        }
        String[] f = text.split(" ");
        if (f.length != 4 || !f[0].equals("1") || !f[1].matches("\\d{1,18}") || !f[2].matches("\\d{1,18}")) {
            LOG.warn("{}: {} is not a place Paperboy wrote; reading from the start", mbox, place.getFileName());
            return new Place(0, 0);
        }
        long offset = Long.parseLong(f[1]);
        if (offset > size) {
            LOG.warn("{}: shorter ({} bytes) than where the last run stopped ({}); reading from the start", mbox, size, offset);
            return new Place(0, 0);
        }
        if (!f[3].equals(fingerprint(channel, offset)) || !Mbox.boundary(channel, offset, size)) {
            LOG.warn("{}: rewritten since the last run stopped at byte {}; reading from the start", mbox, offset);
            return new Place(0, 0);
        }
        return new Place(offset, Long.parseLong(f[2]));
    }

    private void save(FileChannel state, FileChannel channel, long offset, long number) throws IOException {
        String fingerprint = fingerprint(channel, offset);
        if (fingerprint == null) {
            LOG.warn("{}: cut shorter while it was read; the next run reads it from the start", mbox);
            return;
        }
        byte[] line = ("1 " + offset + " " + number + " " + fingerprint + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.wrap(line);
        long at = 0;
        while (buffer.hasRemaining()) {
            at += state.write(buffer, at);
        }
        state.truncate(line.length);
        state.force(true);
    }

    /** SHA-256 of the offset and of the first and last 64 KiB before it; null if the file is no longer that long. */
    static String fingerprint(FileChannel channel, long offset) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        sha.update(Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
        boolean whole = digest(sha, channel, 0, Math.min(WINDOW, offset)) && digest(sha, channel, Math.max(0, offset - WINDOW), offset);
        return whole ? HexFormat.of().formatHex(sha.digest()) : null;
    }

    private static boolean digest(MessageDigest sha, FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, from + buffer.position()) < 0) {
                return false;
            }
        }
        sha.update(buffer.flip());
        return true;
    }
}
