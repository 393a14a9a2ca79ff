package org.paperboy.schedule;

import java.time.Instant;
import java.time.LocalDate;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;

/** What the scheduler runs each fire: the same daily run as {@code send}, wired by the application. */
public interface DailyJob {

    /** A fresh run, so the scheduler can stop it on shutdown. */
    DeliveryRun newRun();

    /**
     * Loads, ranks, plans and delivers the date through the run, and records the run among the
     * {@link JobRuns} as {@code send} does; returns the outcome recorded. Throws when the run failed
     * (recorded as failed).
     */
    String run(DeliveryRun run, LocalDate date, Instant fireTime, String node);

    /** Delivers what is pending for the date without planning anything new (a cluster node helping). */
    DeliveryReport help(DeliveryRun run, LocalDate date);
}
