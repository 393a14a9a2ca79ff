package org.paperboy.delivery;

/** What became of one claimed message. */
record Outcome(OutboxRow row, Kind kind, String reply) {

    enum Kind {
        /** The server took it. */
        SENT("sent"),
        /** A 4xx or a dropped connection: try again after the backoff, in this run or a later one. */
        DEFERRED("pending"),
        /** Not tried (no connection, or stopping): back to pending without using up an attempt. */
        RELEASED("pending"),
        /** Not tried now, nor for a while: its digest cannot be rebuilt yet (the date's papers did not load). */
        POSTPONED("pending"),
        /** A 5xx: failed for good, a hard bounce. */
        BOUNCED("failed"),
        /** The reader left after the digest was planned. */
        CANCELLED("cancelled");

        private final String state;

        Kind(String state) {
            this.state = state;
        }

        /** The outbox state a row takes. */
        String state() {
            return state;
        }
    }
}
