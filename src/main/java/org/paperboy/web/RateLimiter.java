package org.paperboy.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most N events per key within a sliding window, kept in memory. */
final class RateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();

    RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Records an event for the key; false when the key is over its limit. */
    boolean allow(String key) {
        long now = clock.millis();
        long oldest = now - window.toMillis();
        Deque<Long> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() < oldest) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
        }
        if (events.size() > 100_000) {
            sweep(oldest);
        }
        return true;
    }

    /** How long until the key may make an event again: zero when it is under its limit now. */
    Duration retryAfter(String key) {
        long now = clock.millis();
        Deque<Long> times = events.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            long oldest = now - window.toMillis();
            long inWindow = times.stream().filter(t -> t >= oldest).count();
            if (inWindow < limit) {
                return Duration.ZERO;
            }
            // an event counts while it is at most a window old: its place is free a millisecond later
            long freed = times.stream().filter(t -> t >= oldest).findFirst().orElse(now) + window.toMillis() + 1;
            return Duration.ofMillis(Math.max(0, freed - now));
        }
    }

    private void sweep(long oldest) {
        for (Iterator<Map.Entry<String, Deque<Long>>> it = events.entrySet().iterator(); it.hasNext(); ) {
            Deque<Long> times = it.next().getValue();
            synchronized (times) {
                if (times.isEmpty() || times.peekLast() < oldest) {
                    it.remove();
                }
            }
        }
    }
}
