package org.paperboy.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.paperboy.stats.Operations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures an operator alerts on, on {@code /metrics} with {@code paperboy_} names and units:
 * messages by outcome (since the install, and the last run's), the queue, readers by status,
 * returned mail by kind and proof, confirmation mails by state, the daily job's last success and
 * duration. Read from the database (so a {@code send} run by hand counts too) at most once in
 * {@link #FRESH}, whatever the number of meters and scrapes.
 */
final class OperatorMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorMetrics.class);
    /** A reading is used for this long: one scrape reads the database once. */
    static final Duration FRESH = Duration.ofSeconds(5);

    private final Operations operations;
    private final Clock clock;
    private final ZoneId zone;
    private final int maxAgeDays;
    private Operations.Snapshot last;
    private Instant readAt = Instant.MIN;

    private OperatorMetrics(Operations operations, Clock clock, ZoneId zone, int maxAgeDays) {
        this.operations = operations;
        this.clock = clock;
        this.zone = zone;
        this.maxAgeDays = maxAgeDays;
    }

    /**
     * Registers the meters. Micrometer holds a meter's object weakly and its function strongly: the
     * registry is the object, the functions hold this reader.
     */
    static void register(Paperboy paperboy, MeterRegistry registry) {
        PaperboyConfig config = paperboy.config();
        OperatorMetrics m = new OperatorMetrics(new Operations(paperboy.database().dataSource()), paperboy.clock(),
                config.schedule().zone(), config.delivery().maxAgeDays());
        for (String outcome : Operations.OUTCOMES) {
            FunctionCounter.builder("paperboy.messages", registry, r -> m.value(s -> s.messages().get(outcome)))
                    .description("Digest messages by outcome since the install: sent (accepted by the server), deferred (each 4xx"
                            + " or dropped connection), failed (5xx, for good), expired (not delivered within delivery.maxAgeDays)")
                    .baseUnit("messages").tag("outcome", outcome).register(registry);
            Gauge.builder("paperboy.last.run.messages", registry, r -> m.value(s -> s.lastRun() == null ? null : s.lastRun().messages().get(outcome)))
                    .description("Digest messages of the last finished run by outcome (deferred: still pending at its end)")
                    .baseUnit("messages").tag("outcome", outcome).register(registry);
        }
        Gauge.builder("paperboy.queue.pending", registry, r -> m.value(s -> s.queued()))
                .description("Digest messages waiting to be sent (pending or being sent), of the dates a run may still send")
                .baseUnit("messages").register(registry);
        for (String status : Operations.STATUSES) {
            Gauge.builder("paperboy.readers", registry, r -> m.value(s -> s.readers().get(status)))
                    .description("Subscribers by status").tag("status", status).register(registry);
        }
        for (String kind : Operations.KINDS) {
            for (String proof : Operations.PROOFS) {
                FunctionCounter.builder("paperboy.returned.mail", registry, r -> m.value(s -> s.returned().get(kind).get(proof)))
                        .description("Returned mail events (bounces, complaints, auto-replies, mailed unsubscribes) by kind and by"
                                + " proof: verified (a signed VERP address or our Message-ID; acted on), unverified (named a reader"
                                + " without proof; changed nobody), unmatched (named no one we know)")
                        .baseUnit("events").tag("kind", kind).tag("proof", proof).register(registry);
            }
        }
        for (String state : Operations.MAIL_STATES) {
            Gauge.builder("paperboy.confirmation.mails", registry, r -> m.value(s -> s.confirmations().get(state)))
                    .description("Confirmation mails in the queue by state: pending and sending are waiting to go out;"
                            + " failed (5xx) and expired are kept 30 days to be counted")
                    .tag("state", state).register(registry);
        }
        Gauge.builder("paperboy.daily.job.last.success.timestamp", registry,
                        r -> m.value(s -> s.lastCompleted() == null ? null : s.lastCompleted().finishedAt().getEpochSecond()))
                .description("When the last daily run that got to its end (ok, incomplete or no papers) finished, Unix time")
                .baseUnit("seconds").register(registry);
        Gauge.builder("paperboy.daily.job.last.duration", registry, r -> m.value(s -> s.lastCompleted() == null ? null : s.lastCompleted().seconds()))
                .description("How long the last daily run that got to its end took").baseUnit("seconds").register(registry);
        Gauge.builder("paperboy.daily.job.last.failed", registry,
                        r -> m.value(s -> s.lastRun() == null ? 0.0 : "failed".equals(s.lastRun().outcome()) ? 1.0 : 0.0))
                .description("1 when the last finished daily run failed (an error stopped it), else 0").register(registry);
    }

    private double value(java.util.function.Function<Operations.Snapshot, Number> figure) {
        Operations.Snapshot s = snapshot();
        Number n = s == null ? null : figure.apply(s);
        return n == null ? Double.NaN : n.doubleValue();
    }

    private synchronized Operations.Snapshot snapshot() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(readAt.plus(FRESH))) {
            try {
                last = operations.read(LocalDate.ofInstant(now, zone).minusDays(maxAgeDays + 1L));
                readAt = now;
            } catch (RuntimeException e) {
                LOG.warn("{}", e.getMessage());
                return null;
            }
        }
        return last;
    }
}
