package org.paperboy.retention;

/**
 * The {@code retention} section: how many days of outbox rows, bounce events and job runs are
 * kept in full; older ones are folded into daily roll-ups and deleted.
 *
 * @param days at least {@code delivery.historyDays} and {@code delivery.maxAgeDays}; by default
 *             60, or the larger of those two
 */
public record RetentionConfig(Integer days) {

    public static final int DEFAULT_DAYS = 60;
    public static final RetentionConfig DEFAULTS = new RetentionConfig(null);

    public RetentionConfig {
        if (days != null && days < 1) {
            throw new IllegalArgumentException("retention.days must be at least 1, got " + days);
        }
    }

    /**
     * This section checked against the delivery's: the days a plan reads back (history) and a
     * message is retried (max age) must still be there.
     */
    public RetentionConfig against(int historyDays, int maxAgeDays) {
        if (days == null) {
            return new RetentionConfig(Math.max(DEFAULT_DAYS, Math.max(historyDays, maxAgeDays)));
        }
        if (days < historyDays) {
            throw new IllegalArgumentException("retention.days (" + days + ") must be at least delivery.historyDays (" + historyDays
                    + "): the next digests leave out what was sent in those days");
        }
        if (days < maxAgeDays) {
            throw new IllegalArgumentException("retention.days (" + days + ") must be at least delivery.maxAgeDays (" + maxAgeDays
                    + "): messages are retried for that long");
        }
        return this;
    }
}
