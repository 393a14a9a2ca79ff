package org.paperboy.subscribers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The one place a reader's status and unsubscribe reason change when a mail says so (a click, a
 * complaint, a returned mail), inside the caller's transaction so another package's record of why
 * (a bounce event, say) commits with it.
 */
public final class ReaderStatus {

    private ReaderStatus() {
    }

    /**
     * Unsubscribes for good with the reason; true when this changed the reader. Repeating it changes
     * nothing, except that a complaint outranks any earlier reason; otherwise the first unsubscribe stands.
     */
    public static boolean unsubscribe(Connection c, long id, Instant at, UnsubscribeReason reason) throws SQLException {
        String which = reason == UnsubscribeReason.COMPLAINT
                ? "(status <> 'unsubscribed' OR unsubscribe_reason IS NULL OR unsubscribe_reason <> 'complaint')"
                : "status <> 'unsubscribed'";
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscriber SET status = 'unsubscribed', unsubscribed_at ="
                + " CASE WHEN status = 'unsubscribed' THEN unsubscribed_at ELSE ? END, unsubscribe_reason = ? WHERE id = ? AND " + which)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, reason.key());
            ps.setLong(3, id);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * A returned mail proved the reader's mail cannot be delivered: a confirmed (or pending) reader
     * becomes bounced; unsubscribed ones stay as they are. A hard bounce is also counted in
     * {@code hard_bounces}, as a 5xx at sending time is. True when the status changed.
     */
    public static boolean bounce(Connection c, long id, boolean hard) throws SQLException {
        if (hard) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscriber SET hard_bounces = hard_bounces + 1 WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscriber SET status = 'bounced' WHERE id = ? AND status IN ('confirmed', 'pending')")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        }
    }
}
