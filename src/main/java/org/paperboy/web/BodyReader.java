package org.paperboy.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body whole, chunk by chunk as it arrives, in Jetty's read-and-demand style: no
 * thread waits while a slow client sends. Stops reading at the first byte past the limit.
 */
final class BodyReader implements Runnable {

    private final Content.Source source;
    private final int max;
    private final BiConsumer<byte[], Throwable> done;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** @param done gets the body, or null when it was larger than {@code max}, or the failure */
    private BodyReader(Content.Source source, int max, BiConsumer<byte[], Throwable> done) {
        this.source = source;
        this.max = max;
        this.done = done;
    }

    static void read(Content.Source source, int max, BiConsumer<byte[], Throwable> done) {
        new BodyReader(source, max, done).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                done.accept(null, chunk.getFailure());
                return;
            }
            boolean last = chunk.isLast();
            boolean fits = append(chunk.getByteBuffer());
            chunk.release();
            if (!fits || last) {
                done.accept(fits ? body.toByteArray() : null, null);
                return;
            }
        }
    }

    private boolean append(ByteBuffer buffer) {
        if (body.size() + buffer.remaining() > max) {
            return false;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        body.writeBytes(bytes);
        return true;
    }
}
