package org.paperboy.subscribers;

import java.time.Duration;
import java.util.function.IntFunction;

/**
 * How queued confirmation mails are retried: the digest outbox's policy ({@code delivery.*}), so
 * one set of numbers governs all mail.
 *
 * @param backoff the wait before retry number n (1 for the first retry)
 * @param maxAge  how long a mail is retried before it expires (at most the link's validity)
 * @param lease   a claim not finished this long (its process died) is taken back
 */
public record MailRetry(IntFunction<Duration> backoff, Duration maxAge, Duration lease) {
}
