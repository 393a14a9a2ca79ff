package org.paperboy.delivery;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.paperboy.digest.DigestArchive;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.Email;
import org.paperboy.digest.RenderCache;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Ranker;
import org.paperboy.store.Database;
import org.paperboy.subscribers.SubscriberStore;
import org.paperboy.subscribers.SubscriptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: plans a date's outbox, publishes the day's digest to the archive, and sends
 * every pending message over {@code smtp.connections} reused connections at the configured rate.
 * Deferred messages are retried with exponential backoff while the run lasts; whatever is left
 * stays pending for the next run, which resumes it.
 */
public final class DeliveryRun {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRun.class);

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
    private final AtomicBoolean stopping = new AtomicBoolean();

    public DeliveryRun(Parts parts) {
        this.parts = parts;
        this.outbox = new Outbox(parts.database());
    }

    /** Asks a running send to stop: messages in flight finish, the rest stay pending. */
    public void stop() {
        stopping.set(true);
    }

    /**
     * Runs the date.
     *
     * @param daily  the day's ranking
     * @param weekly the past week's ranking, built only when a weekly reader is due
     */
    public DeliveryReport run(LocalDate date, Ranker daily, Supplier<Ranker> weekly, Options options) {
        long started = System.nanoTime();
        Map<String, Integer> before = outbox.counts(date);
        Planner planner = new Planner(outbox, parts.subscribers(), parts.config(), parts.smtp().domain());
        RenderCache renders = new RenderCache(parts.renderer());
        int[] planned = {0};
        Set<String> variants = new HashSet<>();
        planner.plan(date, daily, weekly, options.only(), plans -> {
            planned[0] += plans.size();
            if (options.dryRun()) {
                plans.forEach(p -> variants.add(Planner.variantKey(p.kind(), p.subscriber().preferences().toString(),
                        p.digest().paperIds())));
                plans.forEach(p -> renders.render(p.digest()));
            } else {
                planner.store(date, plans, parts.clock().instant());
            }
        });
        if (options.dryRun()) {
            return new DeliveryReport(date, planned[0], before.getOrDefault("sent", 0), 0, planned[0], 0, 0, renders.size(),
                    seconds(started), 0, "dry run: nothing sent");
        }
        publish(date, daily, renders);
        return deliver(date, daily, weekly, renders, before, planned[0], options, started);
    }

    /**
     * Delivers what is pending for the date without planning: how a cluster node helps a large send,
     * claiming batches no other node holds.
     */
    public DeliveryReport deliverOnly(LocalDate date, Ranker daily, Supplier<Ranker> weekly, Options options) {
        long started = System.nanoTime();
        return deliver(date, daily, weekly, new RenderCache(parts.renderer()), outbox.counts(date), 0, options, started);
    }

    /** The dates since the given one that still have messages pending or being sent. */
    public List<LocalDate> datesWithWork(LocalDate since) {
        return outbox.datesWithWork(since);
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

    private DeliveryReport deliver(LocalDate date, Ranker daily, Supplier<Ranker> weekly, RenderCache renders,
                                   Map<String, Integer> before, int planned, Options options, long started) {
        // alone, any row left sending is from a sender that died; in a cluster, only claims older than the lease
        Instant staleBefore = parts.clustered() ? parts.clock().instant().minusSeconds(parts.config().claimLeaseSeconds())
                : parts.clock().instant().plusSeconds(86_400);
        int recovered = outbox.recover(date, staleBefore);
        if (recovered > 0) {
            LOG.info("{}: {} messages left sending by a stopped sender are sent again with their Message-IDs", date, recovered);
        }
        Map<String, Integer> counts = outbox.counts(date);
        int todo = counts.getOrDefault("pending", 0) + counts.getOrDefault("sending", 0);
        Function<OutboxRow, Digest> digests = row -> (row.kind().equals("weekly") ? weekly.get() : daily)
                .rankExactly(row.preferences(), Set.copyOf(row.paperIds()));
        DigestMails mails = new DigestMails(renders, parts.subscriptions(), parts.smtp(), parts.listName());
        String problem = null;
        try (Progress progress = new Progress(todo, options.terminal(), options.log())) {
            SenderWorker.Context ctx = new SenderWorker.Context(date, outbox, parts.mailer(), new RateLimit(parts.smtp().ratePerSecond()),
                    digests, mails, parts.subscribers(), parts.config(), parts.smtp(), parts.clock(), progress, stopping::get);
            problem = sendUntilDone(ctx);
            Map<String, Integer> after = outbox.counts(date);
            int left = after.getOrDefault("pending", 0) + after.getOrDefault("sending", 0);
            if (left == 0 && problem != null && problem.startsWith("stopped")) {
                problem = null;   // asked to stop with nothing left to send
            }
            return new DeliveryReport(date, planned, before.getOrDefault("sent", 0), progress.sent(), left,
                    after.getOrDefault("failed", 0),
                    progress.cancelled(), renders.size(), seconds(started), progress.seconds(), problem);
        }
    }

    /** Runs the workers until nothing is due within the wait, the server is down, or a stop is asked. */
    private String sendUntilDone(SenderWorker.Context ctx) {
        int connections = parts.smtp().connections();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            while (!stopping.get()) {
                List<Future<SenderWorker.Result>> running = new ArrayList<>(connections);
                for (int i = 0; i < connections; i++) {
                    running.add(pool.submit(new SenderWorker(parts.node() + "-" + i, ctx)));
                }
                for (Future<SenderWorker.Result> f : running) {
                    SenderWorker.Result result = f.get();
                    if (result.serverDown()) {
                        return "SMTP server unreachable: " + result.lastError();
                    }
                }
                var next = outbox.nextDue(ctx.date());
                if (next.isEmpty()) {
                    return null;
                }
                Duration wait = Duration.between(parts.clock().instant(), next.get());
                if (wait.compareTo(Duration.ofSeconds(parts.config().waitInRunSeconds())) > 0) {
                    return "deferred messages come due after this run; the next run resumes them";
                }
                sleep(wait);
            }
            return "stopped: the rest stays pending";
        } catch (ExecutionException e) {
            throw new DeliveryException("a sender failed: " + e.getCause().getMessage(), false, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted: the rest stays pending";
        } finally {
            pool.shutdown();
        }
    }

    private void sleep(Duration wait) throws InterruptedException {
        long until = System.nanoTime() + Math.max(0, wait.toNanos());
        while (!stopping.get() && System.nanoTime() < until) {
            Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
