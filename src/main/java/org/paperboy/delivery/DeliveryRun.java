package org.paperboy.delivery;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.paperboy.PaperboyException;
import org.paperboy.digest.DigestArchive;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.Email;
import org.paperboy.digest.RenderCache;
import org.paperboy.mail.Mailer;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Ranker;
import org.paperboy.store.Database;
import org.paperboy.subscribers.SubscriberStore;
import org.paperboy.subscribers.SubscriptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: plans a date's outbox, publishes the day's digest to the archive, and sends
 * every pending message of every date within {@code delivery.maxAgeDays}, oldest first, at the
 * configured rate. What is still pending after the run stays for the next one; what is older than
 * the age limit is cancelled as expired and reported.
 */
public final class DeliveryRun {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRun.class);
    /** Planned rows from which PostgreSQL's statistics are refreshed before sending (see {@link Outbox#refreshStatistics}). */
    private static final int ANALYZE_AFTER = 1000;

    /** The parts a run is made of, wired by the application. */
    public record Parts(Database database, SubscriberStore subscribers, SubscriptionService subscriptions, Mailer mailer,
                        DigestRenderer renderer, String listName, String homeUrl, SmtpConfig smtp, DeliveryConfig config,
                        Clock clock, boolean clustered, String node) {
    }

    /** What to do. */
    public record Options(boolean dryRun, String only, boolean terminal, PrintStream log) {
    }

    private final Parts parts;
    private final Outbox outbox;
    private final Claims claims;
    private final SenderId sender;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public DeliveryRun(Parts parts) {
        this.parts = parts;
        this.outbox = new Outbox(parts.database());
        this.claims = new Claims(parts.database());
        this.sender = SenderId.next(parts.node());
    }

    /** This process's name among senders. */
    public static String localNode() {
        return SenderId.localNode();
    }

    /** Asks a running send to stop: messages in flight finish and are recorded, the rest stay pending. */
    public void stop() {
        stopping.set(true);
    }

    /** Plans the date and sends it, after the pending messages of earlier dates. */
    public DeliveryReport run(LocalDate date, Rankings rankings, Options options) {
        long started = System.nanoTime();
        Timings.mark("start");
        Map<String, Integer> before = outbox.counts(date);
        Ranker daily = rankings.daily(date);
        Timings.mark("load");
        Supplier<Ranker> weekly = memo(() -> rankings.weekly(date));
        Planner planner = new Planner(outbox, parts.subscribers(), parts.config(), parts.smtp().domain());
        RenderCache renders = new RenderCache(parts.renderer());
        int[] planned = {0};
        long planStart = System.nanoTime();
        // a dry run renders each distinct digest once (readers come in id order, not digest order)
        java.util.Set<org.paperboy.ranking.Digest> tried = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try (StoreBehind<Planner.Plan> store = new StoreBehind<>(plans -> planner.store(date, plans, parts.clock().instant()))) {
            planner.plan(date, daily, weekly, options.only(), plans -> {
                planned[0] += plans.size();
                if (options.dryRun()) {
                    plans.stream().filter(p -> tried.add(p.digest())).forEach(p -> renders.render(p.digest()));
                } else {
                    store.accept(plans);
                }
            });
        }
        if (!options.dryRun() && planned[0] >= ANALYZE_AFTER) {
            outbox.refreshStatistics();
        }
        double planSeconds = seconds(planStart);
        LOG.info("{}: planned {} messages in {} s ({} a second)", date, planned[0], String.format("%.2f", planSeconds),
                String.format("%.0f", planned[0] / Math.max(planSeconds, 1e-9)));
        if (options.dryRun()) {
            return new DeliveryReport(date, planned[0], before.getOrDefault("sent", 0), 0, planned[0], 0, 0, 0, renders.size(),
                    seconds(started), 0, "dry run: nothing sent", 0, List.of());
        }
        publish(date, daily, renders);
        return deliverAll(date, daily, weekly, rankings, renders, before, planned[0], options, started);
    }

    /**
     * Delivers what is pending for the date without planning: how a cluster node helps a large send,
     * claiming batches no other node holds.
     */
    public DeliveryReport deliverOnly(LocalDate date, Rankings rankings, Options options) {
        long started = System.nanoTime();
        try (Heartbeat ignored = new Heartbeat(); Recorder recorder = recorder()) {
            return sendDate(date, rankings.daily(date), memo(() -> rankings.weekly(date)), new RenderCache(parts.renderer()),
                    outbox.counts(date), 0, options, recorder, started);
        }
    }

    /** The dates within {@code delivery.maxAgeDays} that still have messages pending or being sent, oldest first. */
    public List<LocalDate> datesWithWork() {
        return outbox.datesWithWork(LocalDate.now(parts.clock()).minusDays(parts.config().maxAgeDays()));
    }

    /** Puts the date's failed messages back in the queue; the next run sends them. Returns how many. */
    public int retryFailed(LocalDate date) {
        return outbox.retryFailed(date, parts.clock().instant());
    }

    private DeliveryReport deliverAll(LocalDate date, Ranker daily, Supplier<Ranker> weekly, Rankings rankings, RenderCache renders,
                                      Map<String, Integer> before, int planned, Options options, long started) {
        // the date asked for is always sent, however old; other dates within the age limit are resumed
        LocalDate limit = LocalDate.now(parts.clock()).minusDays(parts.config().maxAgeDays());
        LocalDate oldest = date.isBefore(limit) ? date : limit;
        int expired = outbox.expire(oldest, parts.config().maxAgeDays()).values().stream().mapToInt(Integer::intValue).sum();
        if (expired > 0) {
            LOG.warn("{} messages older than delivery.maxAgeDays ({}) were cancelled as expired", expired, parts.config().maxAgeDays());
        }
        List<DeliveryReport> earlier = new ArrayList<>();
        DeliveryReport own = null;
        try (Heartbeat ignored = new Heartbeat(); Recorder recorder = recorder()) {
            releaseAbandoned();
            TreeSet<LocalDate> dates = new TreeSet<>(outbox.datesWithWork(oldest));
            dates.add(date);
            for (LocalDate d : dates) {
                if (d.equals(date)) {
                    own = sendDate(date, daily, weekly, renders, before, planned, options, recorder, started);
                } else if (!stopping.get()) {
                    earlier.add(resume(d, rankings, options, recorder));
                }
            }
        }
        return own.withEarlier(expired, earlier, seconds(started));
    }

    private DeliveryReport resume(LocalDate date, Rankings rankings, Options options, Recorder recorder) {
        long started = System.nanoTime();
        Map<String, Integer> counts = outbox.counts(date);
        Ranker daily;
        try {
            daily = rankings.daily(date);
        } catch (PaperboyException e) {
            LOG.warn("{}: cannot load the papers to resume its pending messages: {}", date, e.getMessage());
            return new DeliveryReport(date, 0, counts.getOrDefault("sent", 0), 0, counts.getOrDefault("pending", 0),
                    counts.getOrDefault("failed", 0), 0, 0, 0, seconds(started), 0, "cannot load its papers: " + e.getMessage(), 0,
                    List.of());
        }
        LOG.info("{}: resuming {} pending messages", date, counts.getOrDefault("pending", 0) + counts.getOrDefault("sending", 0));
        return sendDate(date, daily, memo(() -> rankings.weekly(date)), new RenderCache(parts.renderer()), counts, 0, options,
                recorder, started);
    }

    private final AtomicReference<Progress> progress = new AtomicReference<>();

    private DeliveryReport sendDate(LocalDate date, Ranker daily, Supplier<Ranker> weekly, RenderCache renders,
                                    Map<String, Integer> before, int planned, Options options, Recorder recorder, long started) {
        Map<String, Integer> counts = outbox.counts(date);
        int todo = counts.getOrDefault("pending", 0) + counts.getOrDefault("sending", 0);
        Timings.mark("plan");   // what is planned is now sent
        try (Progress p = new Progress(todo, options.terminal(), options.log())) {
            progress.set(p);
            return new DateSender(parts, outbox, claims, sender, recorder, stopping::get)
                    .send(date, daily, weekly, renders, before, planned, p, started);
        } finally {
            Timings.mark("send");
        }
    }

    private Recorder recorder() {
        return new Recorder(claims, sender, parts.config(), parts.clock(), batch -> {
            for (Outcome o : batch) {
                if (o.kind() == Outcome.Kind.BOUNCED) {
                    parts.subscribers().recordHardBounce(o.row().subscriberId(), parts.config().hardBounceThreshold());
                }
            }
            Progress p = progress.get();
            if (p != null) {
                p.record(batch);
            }
        });
    }

    private void releaseAbandoned() {
        int released = claims.releaseAbandoned(parts.clock().instant().minusSeconds(parts.config().claimLeaseSeconds()));
        if (released > 0) {
            LOG.info("{} messages claimed by a sender that stopped are sent again with their Message-IDs", released);
        }
    }

    private void publish(LocalDate date, Ranker daily, RenderCache renders) {
        Digest general = daily.general();
        if (!general.isEmpty()) {
            // the archived copy is for everyone: its reader links lead to the subscription page
            Email email = renders.render(general).fill("a subscriber", parts.homeUrl(), parts.homeUrl());
            new DigestArchive(parts.database().dataSource()).publish(date, email.subject(), general.paperCount(), email.html(),
                    parts.clock().instant());
        }
    }

    /** Renews this run's claims every third of the lease while it sends. */
    private final class Heartbeat implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "paperboy-heartbeat-" + sender.run());
            t.setDaemon(true);
            return t;
        });

        Heartbeat() {
            long every = Math.max(1, parts.config().claimLeaseSeconds() * 1000L / 3);
            timer.scheduleWithFixedDelay(() -> {
                try {
                    claims.heartbeat(sender, parts.clock().instant());
                } catch (RuntimeException e) {
                    LOG.warn("renewing the outbox claims failed: {}", e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
