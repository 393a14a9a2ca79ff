package org.paperboy.delivery;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.paperboy.digest.RenderCache;
import org.paperboy.mail.DeliveryException;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Ranker;
import org.paperboy.subscribers.Frequency;

/**
 * Sends one date's due messages over {@code smtp.connections} reused connections, each outcome
 * committed by the run's recorder as soon as the server answered. Deferred messages are retried
 * while they come due within {@code delivery.waitInRunSeconds}; later ones wait for a later run.
 */
final class DateSender {

    private final DeliveryRun.Parts parts;
    private final Outbox outbox;
    private final Claims claims;
    private final SenderId sender;
    private final Recorder recorder;
    private final BooleanSupplier stopping;

    DateSender(DeliveryRun.Parts parts, Outbox outbox, Claims claims, SenderId sender, Recorder recorder, BooleanSupplier stopping) {
        this.parts = parts;
        this.outbox = outbox;
        this.claims = claims;
        this.sender = sender;
        this.recorder = recorder;
        this.stopping = stopping;
    }

    /** The row's digest again: its papers in the order the reader's taste (when given) ranks them, with their reasons. */
    private static Digest rebuild(OutboxRow row, Ranker daily, java.util.function.Supplier<Ranker> weekly, Tastes tastes) {
        boolean week = row.kind() == Frequency.WEEKLY;
        Ranker ranker = week ? weekly.get() : daily;
        Digest digest = ranker.rankExactly(row.preferences(), tastes != null ? tastes.of(row.subscriberId(), ranker)
                : org.paperboy.ranking.Taste.NONE, Set.copyOf(row.paperIds()));
        // a weekly reader's mail says so, also when no source is read by date and the week's papers are the day's
        return week ? digest.weekly() : digest;
    }

    DeliveryReport send(LocalDate date, Ranker daily, java.util.function.Supplier<Ranker> weekly, RenderCache renders,
                        Map<String, Integer> before, int planned, Progress progress, long started) {
        // readers planned with the same papers and preferences share one digest: rebuilt once; a reader
        // who voted has their own, rebuilt with their votes (the same papers, in their order, with their reasons)
        Map<List<Object>, Digest> rebuilt = new java.util.concurrent.ConcurrentHashMap<>();
        Tastes tastes = new Tastes(parts.subscribers().votes());
        Function<OutboxRow, Digest> digests = row -> {
            if (tastes.voted(row.subscriberId())) {
                // one reader's own digest: built for this row and not kept, so that a list of many voters
                // does not hold every voter's digest for the whole run
                return rebuild(row, daily, weekly, tastes);
            }
            return rebuilt.computeIfAbsent(List.of(row.kind(), row.preferences(), row.paperIds()), k -> rebuild(row, daily, weekly, null));
        };
        DigestMails mails = new DigestMails(renders, parts.subscriptions(), parts.smtp(), parts.listName());
        SenderWorker.Context ctx = new SenderWorker.Context(date, claims, sender, recorder, parts.mailer(),
                new RateLimit(parts.smtp().ratePerSecond()), digests, mails, parts.config(), parts.smtp(), parts.clock(), stopping);
        String problem = sendUntilDone(ctx);
        recorder.flush();
        // all workers have ended: a claim this run still holds is not in flight, so it waits for a later run
        claims.releaseOwn(sender);
        Map<String, Integer> after = outbox.counts(date);
        int pending = after.getOrDefault("pending", 0);
        if (pending == 0 && problem != null && problem.startsWith("stopped")) {
            problem = null;   // asked to stop with nothing left to send
        }
        return new DeliveryReport(date, planned, before.getOrDefault("sent", 0), progress.sent(), pending,
                after.getOrDefault("failed", 0), progress.cancelled(), after.getOrDefault("sending", 0), renders.size(),
                DeliveryRun.seconds(started), progress.seconds(), problem, 0, List.of());
    }

    /** Runs the workers until nothing is due within the wait, the server is down, or a stop is asked. */
    private String sendUntilDone(SenderWorker.Context ctx) {
        int connections = parts.smtp().connections();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            while (!stopping.getAsBoolean()) {
                List<Future<SenderWorker.Result>> running = new ArrayList<>(connections);
                for (int i = 0; i < connections; i++) {
                    running.add(pool.submit(new SenderWorker(sender.id() + "/" + i, ctx)));
                }
                // every worker is waited for, so none is still sending when the run counts and ends
                String down = null;
                for (Future<SenderWorker.Result> f : running) {
                    SenderWorker.Result result = f.get();
                    if (result.serverDown() && down == null) {
                        down = (result.tls() ? "SMTP server's TLS not accepted: " : "SMTP server unreachable: ")
                                + result.lastError() + "; a later run sends the rest";
                    }
                }
                if (down != null) {
                    return down;
                }
                recorder.flush();
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
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleep(Duration wait) throws InterruptedException {
        long until = System.nanoTime() + Math.max(0, wait.toNanos());
        while (!stopping.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

}
