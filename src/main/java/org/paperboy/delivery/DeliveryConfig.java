package org.paperboy.delivery;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code delivery} section: retries, bounces, the weekly digest's day, and how the outbox is
 * shared among senders.
 *
 * @param maxAttempts           tries per message before it is failed
 * @param initialBackoffSeconds wait before the first retry; doubles with each further one
 * @param waitInRunSeconds      a run waits this long for deferred messages to come due; later ones
 *                              are left pending for the next run
 * @param hardBounceThreshold   5xx answers after which a subscriber is marked bounced
 * @param weeklyDay             the weekday weekly readers get their digest
 * @param claimBatch            messages a sender claims from the outbox at a time; a crash can
 *                              send at most this many twice per connection
 * @param claimLeaseSeconds     in a cluster, a claim older than this is taken over by another node
 * @param historyDays           how far back "already sent" papers are left out
 */
public record DeliveryConfig(Integer maxAttempts, Integer initialBackoffSeconds, Integer waitInRunSeconds,
                             Integer hardBounceThreshold, String weeklyDay, Integer claimBatch, Integer claimLeaseSeconds,
                             Integer historyDays) {

    public static final DeliveryConfig DEFAULTS = new DeliveryConfig(null, null, null, null, null, null, null, null);

    public DeliveryConfig {
        maxAttempts = atLeast("maxAttempts", maxAttempts, 5, 1);
        initialBackoffSeconds = atLeast("initialBackoffSeconds", initialBackoffSeconds, 60, 1);
        waitInRunSeconds = atLeast("waitInRunSeconds", waitInRunSeconds, 300, 0);
        hardBounceThreshold = atLeast("hardBounceThreshold", hardBounceThreshold, 2, 1);
        weeklyDay = weeklyDay == null || weeklyDay.isBlank() ? "MONDAY" : weeklyDay.strip().toUpperCase(Locale.ROOT);
        try {
            DayOfWeek.valueOf(weeklyDay);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("delivery.weeklyDay must be a weekday such as MONDAY, got \"" + weeklyDay + "\"");
        }
        claimBatch = atLeast("claimBatch", claimBatch, 20, 1);
        claimLeaseSeconds = atLeast("claimLeaseSeconds", claimLeaseSeconds, 300, 10);
        historyDays = atLeast("historyDays", historyDays, 30, 1);
    }

    public DayOfWeek weekday() {
        return DayOfWeek.valueOf(weeklyDay);
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration backoff(int attempt) {
        return Duration.ofSeconds((long) initialBackoffSeconds << Math.min(Math.max(attempt - 1, 0), 20));
    }

    private static int atLeast(String key, Integer value, int fallback, int min) {
        int v = value == null ? fallback : value;
        if (v < min) {
            throw new IllegalArgumentException("delivery." + key + " must be at least " + min + ", got " + v);
        }
        return v;
    }
}
