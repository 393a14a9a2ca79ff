package org.paperboy.delivery;

/** A global cap on messages per second, shared by every connection: each send waits for its slot. */
final class RateLimit {

    private final long intervalNanos;
    private long next;

    /** @param perSecond messages per second; 0 for no limit */
    RateLimit(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.next = System.nanoTime();
    }

    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            next = Math.max(next, now);
            wait = next - now;
            next += intervalNanos;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
