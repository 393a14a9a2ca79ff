package org.paperboy.web;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the pages do after they have answered: a subscription's store update, token and
 * confirmation mail. One thread, in order, with a bounded queue: when it is full, {@link #execute}
 * throws {@link RejectedExecutionException} and the page answers 503 to everyone alike.
 */
final class BackgroundQueue implements Executor, AutoCloseable {

    static final int CAPACITY = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundQueue.class);

    private final ThreadPoolExecutor executor;
    private final AtomicLong accepted = new AtomicLong();

    BackgroundQueue() {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(CAPACITY), runnable -> {
            Thread thread = new Thread(runnable, "paperboy-web-background");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void execute(Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("background work of the web pages failed: {}", e.getMessage());
            }
        });
        accepted.incrementAndGet();
    }

    /** How many pieces of work were taken on since the start. */
    long accepted() {
        return accepted.get();
    }

    /** Waits up to the given time for the work taken on so far to finish; false when it did not. */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (executor.getCompletedTaskCount() < accepted.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} pieces of background work of the web pages were dropped at shutdown", executor.getQueue().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
