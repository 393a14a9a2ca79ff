package org.paperboy.subscribers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.paperboy.store.Database;

/**
 * Erases a reader on request (a right to erasure): their votes, what they were sent (outbox rows),
 * their tokens and queued mail, and every trace of their address in returned mail, in one
 * transaction. What stays is what stops them being mailed again: the row, unsubscribed with reason
 * {@code forgotten}, whose address is replaced by a SHA-256 hash of it ({@code email_key =
 * forgotten:<hex>}), so an import of a list that still holds the address keeps it suppressed.
 * Their consent's time, source and text version stay (no personal data), and so do the dates of
 * their subscriptions, so the readers-over-time figures keep adding up. They can subscribe again
 * themselves (double opt-in), as anyone can.
 */
public final class Forgetting {

    /** What was erased. */
    public record Erased(long id, int votes, int deliveries, int bounceEvents) {
    }

    private final Database db;

    public Forgetting(Database db) {
        this.db = db;
    }

    /** The key an address is suppressed under once forgotten. */
    static String forgottenKey(String emailKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(emailKey.getBytes(StandardCharsets.UTF_8));
            return "forgotten:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Forgets the reader with this address; empty when there is none. */
    public Optional<Erased> forget(String email, Instant now) {
        String key = EmailAddress.key(EmailAddress.normalise(email));
        return db.transaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM subscriber WHERE email_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getLong(1);
                }
            }
            int votes = Votes.reset(c, id);
            int deliveries = update(c, "DELETE FROM delivery WHERE subscriber_id = ?", id);
            update(c, "DELETE FROM confirmation_token WHERE subscriber_id = ?", id);
            update(c, "DELETE FROM mail_queue WHERE subscriber_id = ?", id);
            int events = update(c, "UPDATE bounce_event SET subscriber_id = NULL, recipient = '', diagnostic = '', original_message_id = NULL"
                    + " WHERE subscriber_id = ?", id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE bounce_event SET recipient = '', diagnostic = '' WHERE recipient = ?")) {
                ps.setString(1, key);
                events += ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscriber SET email = ?, email_key = ?, status = 'unsubscribed',"
                    + " unsubscribed_at = COALESCE(unsubscribed_at, ?), unsubscribe_reason = 'forgotten', topics = '', keywords = '',"
                    + " consent_ip = NULL, consent_user_agent = NULL WHERE id = ?")) {
                ps.setString(1, "forgotten-" + id + "@forgotten.invalid");
                ps.setString(2, forgottenKey(key));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            return Optional.of(new Erased(id, votes, deliveries, events));
        });
    }

    private static int update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return ps.executeUpdate();
        }
    }
}
