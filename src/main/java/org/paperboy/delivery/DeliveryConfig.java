package org.paperboy.delivery;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Locale;
import org.paperboy.ConfigRange;

/**
 * The {@code delivery} section: retries, bounces, the weekly digest's day, and how the outbox is
 * shared among senders.
 *
 * @param maxAgeDays            how long a message is retried (4xx answers, servers down): a run sends
 *                              the pending messages of every date this recent, oldest first; older
 *                              ones are cancelled as expired (an MTA's queue lifetime)
 * @param initialBackoffSeconds wait before the first retry; doubles with each further one
 * @param maxBackoffSeconds     the longest wait between two tries
 * @param waitInRunSeconds      a run waits this long for deferred messages to come due; later ones
 *                              are left pending for the next run
 * @param hardBounceThreshold   5xx answers after which a subscriber is marked bounced
 * @param weeklyDay             the weekday weekly readers get their digest
 * @param claimBatch            messages a sender claims from the outbox at a time
 * @param claimLeaseSeconds     a sender renews its claims every third of this; a claim not renewed
 *                              for this long is taken over by another sender
 * @param historyDays           how far back "already sent" papers are left out
 */
public record DeliveryConfig(Integer maxAgeDays, Integer initialBackoffSeconds, Integer maxBackoffSeconds, Integer waitInRunSeconds,
                             Integer hardBounceThreshold, String weeklyDay, Integer claimBatch, Integer claimLeaseSeconds,
                             Integer historyDays) {

    public static final DeliveryConfig DEFAULTS = new DeliveryConfig(null, null, null, null, null, null, null, null, null);

    public DeliveryConfig {
        maxAgeDays = ConfigRange.atLeast("delivery.maxAgeDays", maxAgeDays, 3, 0);
        initialBackoffSeconds = ConfigRange.atLeast("delivery.initialBackoffSeconds", initialBackoffSeconds, 60, 1);
        maxBackoffSeconds = ConfigRange.atLeast("delivery.maxBackoffSeconds", maxBackoffSeconds, 3600, initialBackoffSeconds);
        waitInRunSeconds = ConfigRange.atLeast("delivery.waitInRunSeconds", waitInRunSeconds, 300, 0);
        hardBounceThreshold = ConfigRange.atLeast("delivery.hardBounceThreshold", hardBounceThreshold, 2, 1);
        weeklyDay = weeklyDay == null || weeklyDay.isBlank() ? "MONDAY" : weeklyDay.strip().toUpperCase(Locale.ROOT);
        try {
            DayOfWeek.valueOf(weeklyDay);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("delivery.weeklyDay must be a weekday such as MONDAY, got \"" + weeklyDay + "\"");
        }
        claimBatch = ConfigRange.atLeast("delivery.claimBatch", claimBatch, 50, 1);
        claimLeaseSeconds = ConfigRange.atLeast("delivery.claimLeaseSeconds", claimLeaseSeconds, 60, 3);
        historyDays = ConfigRange.atLeast("delivery.historyDays", historyDays, 30, 1);
    }

    public DayOfWeek weekday() {
        return DayOfWeek.valueOf(weeklyDay);
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration backoff(int attempt) {
        long seconds = (long) initialBackoffSeconds << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofSeconds(Math.min(seconds, maxBackoffSeconds));
    }
}
