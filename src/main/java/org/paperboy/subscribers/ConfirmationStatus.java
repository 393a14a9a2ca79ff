package org.paperboy.subscribers;

import java.time.Instant;

/**
 * What became of the confirmation mail a subscription asked for.
 *
 * @param kind        what happened
 * @param reply       the server's answer or the error, when there was one
 * @param requestedAt when the mail was asked for ({@link Kind#LIMITED}: the earlier one)
 * @param nextAt      {@link Kind#QUEUED}: the next try; {@link Kind#LIMITED}: when a new link can be sent
 */
public record ConfirmationStatus(Kind kind, String reply, Instant requestedAt, Instant nextAt) {

    public enum Kind {
        /** No mail is needed: the reader is confirmed, or was refused. */
        NONE,
        /** The server took it. */
        SENT,
        /** Waiting in the queue: not tried yet in this process, or deferred (a 4xx, the server down); it will be retried. */
        QUEUED,
        /** The server refused it for good (a 5xx). */
        FAILED,
        /** None sent now: one was asked for within the hour (at most one an hour per address); {@code reply} says if it is still queued. */
        LIMITED
    }

    public static final ConfirmationStatus NONE = new ConfirmationStatus(Kind.NONE, null, null, null);
}
