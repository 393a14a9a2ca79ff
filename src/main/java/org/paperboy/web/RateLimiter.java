package org.paperboy.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N events per key within a sliding window, kept in memory: the subscribe form's posts and
 * the admin pages' failed logins, each keyed by the client's network ({@link #network}). Past the
 * limit a key is refused until its oldest event leaves the window.
 */
public final class RateLimiter {

    /** Keys kept before idle ones are swept: a flood of networks cannot grow the map without bound. */
    private static final int SWEEP_AT = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /**
     * The key a client address is limited by: the address itself for IPv4, its /64 for IPv6, since
     * one home or server is given a whole /64 and could otherwise take a fresh address per request.
     */
    public static String network(String clientIp) {
        return ClientAddress.bucket(clientIp);
    }

    /** Records an event for the key; false (and nothing recorded) when the key is over its limit. */
    boolean allow(String key) {
        long now = clock.millis();
        Deque<Long> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
        }
        sweepIfLarge(now);
        return true;
    }

    /** Records an event for the key, whether or not it is over its limit. */
    public void record(String key) {
        long now = clock.millis();
        Deque<Long> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
        sweepIfLarge(now);
    }

    /** How long until the key may make an event again: zero when it is under its limit now. Records nothing. */
    Duration retryAfter(String key) {
        Deque<Long> times = events.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        long now = clock.millis();
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Duration.ZERO;
            }
            // the event whose leaving brings the key under the limit; an event counts while it is at
            // most a window old, so its place is free a millisecond later
            long freeing = times.stream().skip(times.size() - limit).findFirst().orElse(now);
            return Duration.ofMillis(Math.max(0, freeing + window.toMillis() + 1 - now));
        }
    }

    /** {@link #retryAfter} in whole seconds, rounded up (an HTTP Retry-After); 0 when the key is free now. */
    public long blockedFor(String key) {
        long millis = retryAfter(key).toMillis();
        // retryAfter counts the millisecond after the oldest event's window; a Retry-After is that window's end
        return millis == 0 ? 0 : Math.max(1, (millis - 1 + 999) / 1000);
    }

    private void prune(Deque<Long> times, long now) {
        long oldest = now - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() < oldest) {
            times.pollFirst();
        }
    }

    private void sweepIfLarge(long now) {
        if (events.size() <= SWEEP_AT) {
            return;
        }
        long oldest = now - window.toMillis();
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
