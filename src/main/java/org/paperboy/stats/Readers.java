package org.paperboy.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many readers stand where, now.
 *
 * @param byStatus    every subscriber by status: pending, confirmed, unsubscribed, bounced
 * @param byFrequency the confirmed readers by frequency: daily, weekly
 */
public record Readers(Map<String, Long> byStatus, Map<String, Long> byFrequency) {

    public Readers {
        byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
        byFrequency = Collections.unmodifiableMap(new LinkedHashMap<>(byFrequency));
    }

    public long confirmed() {
        return byStatus.getOrDefault("confirmed", 0L);
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
