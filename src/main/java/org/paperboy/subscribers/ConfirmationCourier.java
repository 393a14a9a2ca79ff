package org.paperboy.subscribers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes confirmation mails from the {@link ConfirmationQueue} to the server. The CLI sends a new
 * one at once ({@link #sendNow}); {@code serve} and {@code run} keep a background drain
 * ({@link #start}) that is woken when a mail is queued and otherwise polls, waiting longer while
 * the queue stays idle; {@code send} drains once ({@link #drain}). A 4xx answer or an unreachable
 * server puts the mail back with the digest outbox's backoff; a 5xx fails it; one not delivered
 * within its age expires. Any number of processes may drain one database: a claim keeps two from
 * sending one mail at once.
 */
public final class ConfirmationCourier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationCourier.class);
    private static final int BATCH = 20;
    /** Deferrals in a row after which a drain pass stops: the server is down, the next pass tries again. */
    private static final int DEFERRALS_PER_PASS = 3;
    private static final Duration FIRST_POLL = Duration.ofSeconds(1);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(30);

    private final ConfirmationQueue queue;
    private final SubscriberStore store;
    private final Tokens tokens;
    private final ConfirmationSender sender;
    private final String baseUrl;
    private final MailRetry retry;
    private final Clock clock;
    private final String holder;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean stopping;
    private Thread thread;

    /** @param holder this process's name among senders (host:pid), stamped on its claims */
    ConfirmationCourier(ConfirmationQueue queue, SubscriberStore store, Tokens tokens, ConfirmationSender sender, String baseUrl,
                        MailRetry retry, Clock clock, String holder) {
        this.queue = queue;
        this.store = store;
        this.tokens = tokens;
        this.sender = sender;
        this.baseUrl = baseUrl;
        this.retry = retry;
        this.clock = clock;
        this.holder = holder + "#confirm";
    }

    public ConfirmationQueue queue() {
        return queue;
    }

    /** Starts draining in the background until {@link #close}; returns this. */
    public synchronized ConfirmationCourier start() {
        if (thread == null) {
            stopping = false;
            thread = new Thread(this::loop, "paperboy-confirmations");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    public synchronized boolean running() {
        return thread != null;
    }

    /** Tells the background drain a mail was queued. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Gets a newly queued mail going: the background drain sends it when it runs here, else it is tried now. */
    ConfirmationStatus deliver(long queueId) {
        if (running()) {
            wake();
            return new ConfirmationStatus(ConfirmationStatus.Kind.QUEUED, null, clock.instant(), clock.instant());
        }
        return sendNow(queueId);
    }

    /** Tries the queued mail once, now; left in the queue when that fails for a reason a retry may get past. */
    public ConfirmationStatus sendNow(long queueId) {
        List<ConfirmationQueue.Queued> rows = queue.claim(holder, 1, ConfirmationQueue.Pick.ONE, queueId, clock.instant(), retry.lease());
        if (rows.isEmpty()) {
            return new ConfirmationStatus(ConfirmationStatus.Kind.QUEUED, "being sent by another process", clock.instant(), null);
        }
        return attempt(rows.get(0));
    }

    /** One pass over the queue: expires what is too old, then tries every mail due now. Returns how many were sent. */
    public int drain() {
        return drain(false);
    }

    /**
     * As {@link #drain}, trying every waiting mail once whether it is due or not: what {@code send}
     * does, run by an operator or once a day, when no daemon retries in between.
     */
    public int drainAll() {
        return drain(true);
    }

    private int drain(boolean all) {
        for (String address : queue.expire(clock.instant())) {
            LOG.warn("confirmation mail to {} expired: not delivered within delivery.maxAgeDays (at most 72 hours);"
                    + " the person can subscribe again for a new link", address);
        }
        int sent = 0;
        int deferredInARow = 0;
        long after = 0;
        while (!stopping && deferredInARow < DEFERRALS_PER_PASS) {
            List<ConfirmationQueue.Queued> rows = all
                    ? queue.claim(holder, BATCH, ConfirmationQueue.Pick.AFTER, after, clock.instant(), retry.lease())
                    : queue.claim(holder, BATCH, ConfirmationQueue.Pick.DUE, clock.instant(), clock.instant(), retry.lease());
            if (rows.isEmpty()) {
                break;
            }
            for (ConfirmationQueue.Queued row : rows) {
                after = Math.max(after, row.id());
                if (stopping || deferredInARow >= DEFERRALS_PER_PASS) {
                    queue.release(row, holder);
                    continue;
                }
                ConfirmationStatus status = attempt(row);
                sent += status.kind() == ConfirmationStatus.Kind.SENT ? 1 : 0;
                deferredInARow = status.kind() == ConfirmationStatus.Kind.QUEUED ? deferredInARow + 1 : 0;
            }
        }
        return sent;
    }

    private ConfirmationStatus attempt(ConfirmationQueue.Queued row) {
        Instant now = clock.instant();
        Optional<Subscriber> reader = store.find(row.subscriberId());
        if (reader.isEmpty() || reader.get().status() != Status.PENDING) {
            queue.done(row, holder);
            LOG.info("confirmation mail to subscriber {} dropped: {}", row.subscriberId(),
                    reader.map(r -> "now " + r.status().key()).orElse("no such subscriber"));
            return ConfirmationStatus.NONE;
        }
        Subscriber s = reader.get();
        Optional<String> token = tokens.unseal(row.sealedToken(), s.id());
        if (token.isEmpty()) {
            String why = "the queued link cannot be opened with the current tokens.secret (was it changed?)";
            queue.giveUp(row, holder, "failed", why);
            LOG.warn("confirmation mail to {} failed: {}; they can subscribe again", s.email(), why);
            return new ConfirmationStatus(ConfirmationStatus.Kind.FAILED, why, now, null);
        }
        if (!queue.renew(row, holder, now)) {
            return new ConfirmationStatus(ConfirmationStatus.Kind.QUEUED, "taken over by another process", now, null);
        }
        try {
            sender.send(s, baseUrl + "/confirm/" + token.get(), row.messageId());
            queue.done(row, holder);
            LOG.info("confirmation mail sent to {}{}", s.email(), row.attempts() > 1 ? " (try " + row.attempts() + ")" : "");
            return new ConfirmationStatus(ConfirmationStatus.Kind.SENT, null, now, null);
        } catch (ConfirmationSender.NotSent e) {
            if (e.permanent()) {
                queue.giveUp(row, holder, "failed", e.getMessage());
                LOG.warn("confirmation mail to {} refused: {}", s.email(), e.getMessage());
                return new ConfirmationStatus(ConfirmationStatus.Kind.FAILED, e.getMessage(), now, null);
            }
            return deferred(row, s, e.getMessage(), now);
        } catch (RuntimeException e) {
            return deferred(row, s, String.valueOf(e.getMessage()), now);
        }
    }

    private ConfirmationStatus deferred(ConfirmationQueue.Queued row, Subscriber s, String reply, Instant now) {
        Instant next = now.plus(retry.backoff().apply(row.attempts()));
        queue.retryLater(row, holder, reply, next);
        LOG.info("confirmation mail to {} deferred (try {}): {}; queued, next try at {}", s.email(), row.attempts(), reply, next);
        return new ConfirmationStatus(ConfirmationStatus.Kind.QUEUED, reply, now, next);
    }

    private void loop() {
        Duration poll = FIRST_POLL;
        while (!stopping) {
            boolean busy = false;
            try {
                busy = drain() > 0;
            } catch (RuntimeException e) {
                LOG.warn("draining the confirmation mail queue failed: {}", e.getMessage());
            }
            long waitMillis;
            try {
                Optional<Instant> due = queue.nextDue();
                poll = busy ? FIRST_POLL : min(poll.multipliedBy(2), LONGEST_POLL);
                long untilDue = due.map(d -> Duration.between(clock.instant(), d).toMillis()).orElse(Long.MAX_VALUE);
                waitMillis = Math.max(10, Math.min(untilDue, poll.toMillis()));
            } catch (RuntimeException e) {
                waitMillis = LONGEST_POLL.toMillis();
            }
            synchronized (signal) {
                if (!woken && !stopping) {
                    try {
                        signal.wait(waitMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (woken) {
                    poll = FIRST_POLL;
                }
                woken = false;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops the background drain; the mail being sent finishes, the rest stays queued. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
        }
        if (running == null) {
            return;
        }
        stopping = true;
        wake();
        try {
            running.join(Duration.ofSeconds(90).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
