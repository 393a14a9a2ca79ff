package org.paperboy.bounces;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.paperboy.mail.MessageIds;
import org.paperboy.subscribers.ReaderStatus;
import org.paperboy.subscribers.UnsubscribeReason;

/**
 * The {@code bounce_event} table and what an event does to its reader, in one transaction: a hard
 * bounce marks the reader bounced, soft bounces do at the threshold (counted per delivery), a
 * complaint or a mailed unsubscribe unsubscribes; the reader's status changes through
 * {@link ReaderStatus}. An event with no reader (unverified or unmatched) is only recorded. An
 * event already recorded (same mail, same recipient) does nothing.
 */
final class BounceEvents {

    /** What one event did. */
    enum Effect { ALREADY_RECORDED, RECORDED, BOUNCED, UNSUBSCRIBED }

    /** One row to record. */
    record Event(String mailKey, String recipient, Instant at, Long subscriberId, String matchedBy, String kind, String status,
                 String reason, String diagnostic, String originalMessageId, LocalDate digestDate) {
    }

    private final int softThreshold;
    private final Duration softWindow;

    BounceEvents(int softThreshold, Duration softWindow) {
        this.softThreshold = softThreshold;
        this.softWindow = softWindow;
    }

    /** Whether a mail was processed before, so a repeat is known without parsing matches again. */
    boolean seen(Connection c, String mailKey) throws SQLException {
        return exists(c, "SELECT 1 FROM bounce_event WHERE mail_key = ?", mailKey);
    }

    /** The reader a message we sent went to, by its Message-ID (the outbox keeps it). */
    OptionalLong subscriberByMessageId(Connection c, String messageId) throws SQLException {
        Optional<MessageIds.Row> row = MessageIds.parse(messageId);
        if (row.isEmpty()) {
            return OptionalLong.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id FROM delivery WHERE digest_date = ? AND subscriber_id = ?"
                + " AND message_id = ?")) {
            ps.setObject(1, row.get().date());
            ps.setLong(2, row.get().subscriberId());
            ps.setString(3, messageId.trim().replaceAll("^<|>$", ""));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** The Message-ID the outbox holds for a delivery, if the row is still there. */
    Optional<String> messageId(Connection c, MessageIds.Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM delivery WHERE digest_date = ? AND subscriber_id = ?")) {
            ps.setObject(1, row.date());
            ps.setLong(2, row.subscriberId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The reader's address as uniqueness is decided on (lower case), if the reader exists. */
    Optional<String> emailKey(Connection c, long subscriberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT email_key FROM subscriber WHERE id = ?")) {
            ps.setLong(1, subscriberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    OptionalLong subscriberByAddress(Connection c, String address) throws SQLException {
        return firstLong(c, "SELECT id FROM subscriber WHERE email_key = ?", address.toLowerCase(java.util.Locale.ROOT));
    }

    /** Records the event and acts on it, all or nothing. */
    Effect apply(Connection c, Event e) throws SQLException {
        if (!insert(c, e)) {
            return Effect.ALREADY_RECORDED;
        }
        if (e.subscriberId() == null) {
            return Effect.RECORDED;
        }
        long id = e.subscriberId();
        return switch (e.kind()) {
            case "hard" -> ReaderStatus.bounce(c, id, true) ? Effect.BOUNCED : Effect.RECORDED;
            case "soft" -> softCount(c, id, e.at()) >= softThreshold && ReaderStatus.bounce(c, id, false) ? Effect.BOUNCED : Effect.RECORDED;
            case "complaint" -> ReaderStatus.unsubscribe(c, id, e.at(), UnsubscribeReason.COMPLAINT) ? Effect.UNSUBSCRIBED : Effect.RECORDED;
            case "unsubscribe" -> ReaderStatus.unsubscribe(c, id, e.at(), UnsubscribeReason.MAILED) ? Effect.UNSUBSCRIBED : Effect.RECORDED;
            default -> Effect.RECORDED;
        };
    }

    private boolean insert(Connection c, Event e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bounce_event (mail_key, recipient, received_at, subscriber_id,"
                + " matched_by, kind, status_code, reason, diagnostic, original_message_id, action, digest_date)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (mail_key, recipient) DO NOTHING")) {
            ps.setString(1, e.mailKey());
            ps.setString(2, e.recipient());
            ps.setTimestamp(3, Timestamp.from(e.at()));
            ps.setObject(4, e.subscriberId());
            ps.setString(5, e.matchedBy());
            ps.setString(6, e.kind());
            ps.setString(7, e.status());
            ps.setString(8, e.reason());
            ps.setString(9, e.diagnostic());
            ps.setString(10, e.originalMessageId());
            ps.setString(11, "recorded");
            ps.setObject(12, e.digestDate());
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Deliveries soft-bounced within the window since the last clean delivery (a message sent to the
     * reader that no returned mail was proven to be about). Each delivery counts once however often
     * its report comes back, so a replay cannot push a reader over the threshold. A delivery whose
     * bounce is still on its way counts as clean until it arrives, so the count errs on the side of
     * mailing the reader. Events recorded before deliveries were known (no digest date) count one each.
     */
    private int softCount(Connection c, long id, Instant at) throws SQLException {
        Timestamp since = Timestamp.from(at.minus(softWindow));
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(d.sent_at) FROM delivery d WHERE d.subscriber_id = ? AND d.state = 'sent'"
                + " AND d.sent_at <= ? AND NOT EXISTS (SELECT 1 FROM bounce_event e WHERE e.subscriber_id = d.subscriber_id"
                + " AND (e.digest_date = d.digest_date OR e.original_message_id = d.message_id))")) {
            ps.setLong(1, id);
            ps.setTimestamp(2, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp clean = rs.next() ? rs.getTimestamp(1) : null;
                if (clean != null && clean.after(since)) {
                    since = clean;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT digest_date) + SUM(CASE WHEN digest_date IS NULL THEN 1"
                + " ELSE 0 END) FROM bounce_event WHERE subscriber_id = ? AND kind = 'soft' AND received_at >= ?")) {
            ps.setLong(1, id);
            ps.setTimestamp(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static int update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return ps.executeUpdate();
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static OptionalLong firstLong(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
