package org.paperboy.delivery;

/** What became of one claimed message. */
record Outcome(OutboxRow row, Kind kind, String reply) {

    enum Kind {
        /** The server took it. */
        SENT,
        /** A 4xx or a dropped connection: try again after the backoff. */
        DEFERRED,
        /** Not tried (no connection): back to pending without using up an attempt. */
        RELEASED,
        /** A 5xx: failed for good, a hard bounce. */
        BOUNCED,
        /** The reader left after the digest was planned. */
        CANCELLED
    }
}
