package org.paperboy.app;

import java.util.concurrent.CountDownLatch;

/**
 * Waits for SIGTERM or SIGINT. The JVM's shutdown hook only signals the main thread and then waits
 * for it, so the main thread closes everything in order (messages in flight finish) before the
 * process exits.
 */
final class StopSignal implements AutoCloseable {

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    StopSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            await(stopped);
        }, "paperboy-stop"));
    }

    /** Blocks until a stop is asked. */
    void await() {
        await(stopping);
    }

    /** Lets the process exit: the main thread has closed everything. */
    @Override
    public void close() {
        stopped.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
