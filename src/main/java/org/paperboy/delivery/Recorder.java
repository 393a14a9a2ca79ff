package org.paperboy.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.paperboy.mail.DeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits each outcome as soon as the server answered, in group commits: senders hand outcomes
 * over without waiting, and one thread commits whatever arrived while its previous commit was
 * being written. A sender waits for its previous outcome's commit only before handing the server
 * its next message, so a crash loses the record of at most one accepted message per connection,
 * sent again later with the same Message-ID.
 */
final class Recorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final int MAX_BATCH = 1000;
    private static final int TRIES = 5;

    private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
    private final Claims claims;
    private final SenderId sender;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Consumer<List<Outcome>> committed;
    private final Thread thread;
    private final Object lock = new Object();
    private long submitted;
    private long done;
    private volatile boolean closing;
    private volatile RuntimeException failure;

    /** @param committed told of each batch once it is committed (progress, bounce counts) */
    Recorder(Claims claims, SenderId sender, DeliveryConfig config, Clock clock, Consumer<List<Outcome>> committed) {
        this.claims = claims;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.committed = committed;
        this.thread = new Thread(this::loop, "paperboy-recorder-" + sender.run());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands an outcome over to be committed; fails if recording has failed, so no more is sent
     * unrecorded. Returns its ticket for {@link #awaitCommitted}.
     */
    long submit(Outcome outcome) {
        RuntimeException failed = failure;
        if (failed != null) {
            throw new DeliveryException("cannot record deliveries: " + failed.getMessage(), false, failed);
        }
        synchronized (lock) {
            queue.add(outcome);
            return ++submitted;
        }
    }

    /** Whether recording has failed: nothing more may be accepted unrecorded. */
    boolean failed() {
        return failure != null;
    }

    /** Waits until everything handed over so far is committed (or recording failed). */
    void flush() {
        long last;
        synchronized (lock) {
            last = submitted;
        }
        awaitCommitted(last);
    }

    /**
     * Waits until the outcome with this ticket (and every one before it) is committed. A sender
     * calls this before handing the server its next message, so at most the message in flight of
     * each connection can be accepted and not yet recorded.
     */
    void awaitCommitted(long ticket) {
        synchronized (lock) {
            while (done < ticket && failure == null) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void loop() {
        while (!closing || !queue.isEmpty()) {
            try {
                Outcome first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Outcome> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                committed.accept(batch);
                synchronized (lock) {
                    done += batch.size();
                    lock.notifyAll();
                }
            } catch (InterruptedException e) {
                // closing: go on until the queue is empty
            } catch (RuntimeException e) {
                failure = e;
                LOG.error("recording deliveries failed: {}", e.getMessage());
                synchronized (lock) {
                    lock.notifyAll();
                }
                return;
            }
        }
    }

    /** Commits the batch; a database busy with another process is tried again a few times. */
    private void commit(List<Outcome> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                claims.record(batch, sender, config, clock.instant());
                return;
            } catch (RuntimeException e) {
                if (attempt == TRIES) {
                    throw e;
                }
                LOG.warn("recording {} outcomes failed (try {} of {}): {}", batch.size(), attempt, TRIES, e.getMessage());
                sleep(200L * attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits what is left and stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
