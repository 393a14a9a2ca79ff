package org.paperboy.subscribers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The subscriptions readers left before they came back ({@code past_subscription}, V11). A
 * subscriber row carries only its current subscription; when someone who unsubscribed or bounced
 * asks again, the one they left is kept here, with when it was confirmed and when and how it
 * ended, and the row starts afresh. The statistics count both, each on its own days.
 */
final class PastSubscriptions {

    /** When a bounced reader left: their last message refused for good or bounce that came back. */
    private static final String LAST_BOUNCE = "SELECT MAX(x.t) FROM (SELECT d.next_attempt_at AS t FROM delivery d"
            + " WHERE d.subscriber_id = ? AND d.state = 'failed' UNION ALL SELECT e.received_at AS t FROM bounce_event e"
            + " WHERE e.subscriber_id = ? AND e.kind IN ('hard', 'soft')) x";

    private PastSubscriptions() {
    }

    /**
     * Keeps the subscription the reader left, if they were ever confirmed, as they ask to come back
     * at {@code now}. Dated by the unsubscribe, or for a bounced reader their last bounce (their
     * confirmation when no bounce is on record).
     */
    static void close(Connection c, Subscriber s, Instant now) throws SQLException {
        if (s.confirmedAt() == null || s.status() == Status.PENDING || s.status() == Status.CONFIRMED) {
            return;
        }
        Instant left = s.status() == Status.UNSUBSCRIBED ? s.unsubscribedAt() : lastBounce(c, s.id());
        SubscriberStore.update(c, "INSERT INTO past_subscription (subscriber_id, confirmed_at, left_at, left_as, unsubscribe_reason,"
                + " hard_bounces, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", s.id(), SubscriberStore.ts(s.confirmedAt()),
                SubscriberStore.ts(left == null ? s.confirmedAt() : left), s.status().key(),
                s.unsubscribeReason() == null ? null : s.unsubscribeReason().key(), s.hardBounces(), SubscriberStore.ts(now));
    }

    private static Instant lastBounce(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST_BOUNCE)) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                return t == null ? null : t.toInstant();
            }
        }
    }
}
