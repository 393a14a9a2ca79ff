package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.paperboy.testing.MutableClock;

/** The subscribe form's limit per client address, and how long a limited client waits. */
class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(10), clock);

    @Test
    void aLimitedKeyIsToldWhenItsOldestEventLeavesTheWindow() {
        assertThat(limiter.allow("a")).isTrue();
        clock.advance(Duration.ofMinutes(3));
        assertThat(limiter.allow("a")).isTrue();
        assertThat(limiter.retryAfter("a")).as("at its limit").isEqualTo(Duration.ofMinutes(7).plusMillis(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.allow("a")).isFalse();
        assertThat(limiter.retryAfter("a")).isEqualTo(Duration.ofMinutes(6).plusMillis(1));
        assertThat(limiter.retryAfter("b")).as("another key is free").isZero();

        clock.advance(Duration.ofMinutes(6));
        assertThat(limiter.allow("a")).as("the oldest is exactly ten minutes old: still counted").isFalse();
        clock.advance(limiter.retryAfter("a"));
        assertThat(limiter.retryAfter("a")).isZero();
        assertThat(limiter.allow("a")).isTrue();
    }
}
