package org.paperboy.schedule;

import java.time.LocalDate;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;

/** What the scheduler runs each fire: the same pipeline as {@code send}, wired by the application. */
public interface DailyJob {

    /** A fresh run, so the scheduler can stop it on shutdown. */
    DeliveryRun newRun();

    /** Loads, ranks, plans and delivers the date through the run. */
    DeliveryReport send(DeliveryRun run, LocalDate date);

    /** Delivers what is pending for the date without planning anything new (a cluster node helping). */
    DeliveryReport help(DeliveryRun run, LocalDate date);
}
