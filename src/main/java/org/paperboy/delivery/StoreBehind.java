package org.paperboy.delivery;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Stores planned chunks on a thread of its own while the next chunk is ranked, so planning a large
 * list takes as long as its inserts rather than the sum of ranking and inserting. At most two chunks
 * wait, so memory stays bounded. Each chunk is still one transaction: a crash leaves whole chunks
 * planned, and the next run plans the rest. The first failure is rethrown to the planner, and on
 * {@link #close()}, which waits for every chunk handed over.
 */
final class StoreBehind<T> implements Consumer<List<T>>, AutoCloseable {

    private final Consumer<List<T>> store;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "paperboy-plan-writer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore waiting = new Semaphore(2);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** Whether the failure reached the planner already (close then does not throw it a second time). */
    private boolean thrown;

    StoreBehind(Consumer<List<T>> store) {
        this.store = store;
    }

    @Override
    public void accept(List<T> chunk) {
        rethrow();
        if (chunk.isEmpty() || failure.get() != null) {
            return;
        }
        waiting.acquireUninterruptibly();
        writer.execute(() -> {
            try {
                if (failure.get() == null) {
                    store.accept(chunk);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                waiting.release();
            }
        });
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null && !thrown) {
            thrown = true;
            throw e;
        }
    }

    /** Waits until every chunk handed over is stored, then rethrows the first failure if any. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            while (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                // a chunk's transaction may wait on another sender's lock: keep waiting for it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.paperboy.PaperboyException("interrupted while storing the planned messages", e);
        }
        rethrow();
    }
}
