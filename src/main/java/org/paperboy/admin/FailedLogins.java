package org.paperboy.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address in a sliding window: past the limit, the address is refused
 * (even with the right password) until its oldest failure leaves the window. Kept in memory.
 */
final class FailedLogins {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    FailedLogins(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until the address may try again; 0 when it may now. */
    long blockedFor(String client) {
        Deque<Long> times = failures.get(client);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times);
            return times.size() < limit ? 0 : Math.max(1, (times.peekFirst() + window.toMillis() - clock.millis() + 999) / 1000);
        }
    }

    void failed(String client) {
        if (failures.size() > 100_000) {
            failures.clear();   // a flood of addresses: forget rather than grow without bound
        }
        Deque<Long> times = failures.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.millis());
        }
    }

    private void prune(Deque<Long> times) {
        long oldest = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() < oldest) {
            times.pollFirst();
        }
    }
}
