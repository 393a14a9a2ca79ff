package org.paperboy.subscribers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paperboy.store.Database;
import org.paperboy.store.Dialect;

/**
 * The confirmation mails waiting to go out, in table {@code mail_queue}. A row is added in the
 * transaction that stores its token ({@link SubscriberStore#startConfirmation}); a sender claims it
 * (pending to sending, one attempt more), and then deletes it once the server took the mail, puts it
 * back with a later try, or marks it failed or expired with its token cleared. A claim not finished
 * within the lease (its process died) goes back to pending: at least once, never two senders at once.
 */
public final class ConfirmationQueue {

    static final String KIND = "confirmation";
    /** How long failed and expired rows are kept to be counted. */
    static final Duration KEPT = Duration.ofDays(30);

    /** A claimed row. */
    record Queued(long id, long subscriberId, String sealedToken, String messageId, int attempts, Instant giveUpAt) {
    }

    /** What is in the queue: rows waiting, the oldest of them and its last reply, and those given up since a time. */
    public record Counts(int queued, Instant oldestQueuedAt, String lastReply, int expired, int failed) {
    }

    private final Database db;

    public ConfirmationQueue(Database db) {
        this.db = db;
    }

    /** Adds a row in the caller's transaction, replacing a pending one of the subscriber (its mail would be superseded). */
    static long enqueue(Connection c, long subscriberId, String sealedToken, String messageId, Instant now, Instant giveUpAt)
            throws SQLException {
        SubscriberStore.update(c, "DELETE FROM mail_queue WHERE subscriber_id = ? AND state = 'pending'", subscriberId);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mail_queue (kind, subscriber_id, sealed_token, message_id, state,"
                + " attempts, next_attempt_at, give_up_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)", new String[] {"id"})) {
            ps.setString(1, KIND);
            ps.setLong(2, subscriberId);
            ps.setString(3, sealedToken);
            ps.setString(4, messageId);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(giveUpAt));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Whether the subscriber has a confirmation mail still waiting, and its last reply (null before any try). */
    static Optional<String> waiting(Connection c, long subscriberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_reply FROM mail_queue WHERE subscriber_id = ?"
                + " AND state IN ('pending', 'sending') ORDER BY id DESC")) {
            ps.setLong(1, subscriberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1) == null ? "not tried yet" : rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Which pending rows a claim takes. */
    enum Pick {
        /** Those due, the longest due first: the argument is the time now. */
        DUE("next_attempt_at <= ? ORDER BY next_attempt_at, id"),
        /** Every one after the argument's id, due or not, in id order: one sweep over the queue. */
        AFTER("id > ? ORDER BY id"),
        /** Just the one with the argument's id, due or not. */
        ONE("id = ?");

        private final String where;

        Pick(String where) {
            this.where = where;
        }
    }

    /**
     * Claims up to {@code limit} pending rows for the holder, as {@code pick} says. Claims older than
     * the lease, or held by a process of this host that has ended, are taken back first.
     */
    List<Queued> claim(String holder, int limit, Pick pick, Object arg, Instant now, Duration lease) {
        return db.transaction(c -> {
            List<String> holders = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT claimed_by FROM mail_queue WHERE state = 'sending'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add(rs.getString(1));
                }
            }
            for (String other : holders) {
                if (gone(other, holder)) {
                    SubscriberStore.update(c, "UPDATE mail_queue SET state = 'pending', claimed_by = NULL WHERE state = 'sending'"
                            + " AND claimed_by = ?", other);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE mail_queue SET state = 'pending', claimed_by = NULL"
                    + " WHERE state = 'sending' AND claimed_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(lease)));
                ps.executeUpdate();
            }
            // PostgreSQL skips rows another sender is claiming; on SQLite the transaction's write lock already excludes them
            String ids = "SELECT id FROM mail_queue WHERE state = 'pending' AND " + pick.where + " LIMIT " + limit
                    + (db.dialect() == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "");
            List<Queued> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE mail_queue SET state = 'sending', claimed_by = ?, claimed_at = ?,"
                    + " attempts = attempts + 1 WHERE id IN (" + ids + ")"
                    + " RETURNING id, subscriber_id, sealed_token, message_id, attempts, give_up_at")) {
                ps.setString(1, holder);
                ps.setTimestamp(2, Timestamp.from(now));
                if (arg instanceof Instant at) {
                    ps.setTimestamp(3, Timestamp.from(at));
                } else {
                    ps.setLong(3, (Long) arg);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Queued(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                                rs.getTimestamp(6).toInstant()));
                    }
                }
            }
            rows.sort(java.util.Comparator.comparingLong(Queued::id));
            return rows;
        });
    }

    /** Renews the holder's claim just before it sends; false when the row is no longer its own (taken back, or gone). */
    boolean renew(Queued row, String holder, Instant now) {
        return db.transaction(c -> SubscriberStore.update(c, "UPDATE mail_queue SET claimed_at = ? WHERE id = ? AND state = 'sending'"
                + " AND claimed_by = ?", Timestamp.from(now), row.id(), holder)) == 1;
    }

    /** The server took the mail, or it is no longer needed: the row, and its sealed token, are deleted. */
    void done(Queued row, String holder) {
        db.transaction(c -> SubscriberStore.update(c, "DELETE FROM mail_queue WHERE id = ? AND claimed_by = ?", row.id(), holder));
    }

    /** Back to pending, to be tried at {@code next}, with the reply that deferred it. */
    void retryLater(Queued row, String holder, String reply, Instant next) {
        db.transaction(c -> SubscriberStore.update(c, "UPDATE mail_queue SET state = 'pending', claimed_by = NULL, next_attempt_at = ?,"
                + " last_reply = ? WHERE id = ? AND claimed_by = ?", Timestamp.from(next), cut(reply), row.id(), holder));
    }

    /** Back to pending untried, as it was: the attempt the claim counted is given back. */
    void release(Queued row, String holder) {
        db.transaction(c -> SubscriberStore.update(c, "UPDATE mail_queue SET state = 'pending', claimed_by = NULL, attempts = ?"
                + " WHERE id = ? AND claimed_by = ?", row.attempts() - 1, row.id(), holder));
    }

    /**
     * Gives a row up for good ({@code failed} on a 5xx, {@code expired} past its age): its token is
     * cleared, and the subscriber may ask for a new mail at once.
     */
    void giveUp(Queued row, String holder, String state, String reply) {
        db.transaction(c -> {
            SubscriberStore.update(c, "UPDATE mail_queue SET state = ?, sealed_token = NULL, claimed_by = NULL, last_reply = ?"
                    + " WHERE id = ? AND claimed_by = ?", state, cut(reply), row.id(), holder);
            return SubscriberStore.update(c, "UPDATE subscriber SET confirmation_sent_at = NULL WHERE id = ?", row.subscriberId());
        });
    }

    /** Marks the pending rows past their age expired, clearing their tokens; returns the addresses they were for. */
    List<String> expire(Instant now) {
        return db.transaction(c -> {
            List<String> addresses = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.email FROM mail_queue q JOIN subscriber s ON s.id = q.subscriber_id"
                    + " WHERE q.state = 'pending' AND q.give_up_at <= ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        addresses.add(rs.getString(1));
                    }
                }
            }
            if (!addresses.isEmpty()) {
                SubscriberStore.update(c, "UPDATE subscriber SET confirmation_sent_at = NULL WHERE id IN"
                        + " (SELECT subscriber_id FROM mail_queue WHERE state = 'pending' AND give_up_at <= ?)", Timestamp.from(now));
                SubscriberStore.update(c, "UPDATE mail_queue SET state = 'expired', sealed_token = NULL, last_reply ="
                        + " 'expired: not delivered within delivery.maxAgeDays' || CASE WHEN last_reply IS NULL THEN '' ELSE '; last: '"
                        + " || last_reply END WHERE state = 'pending' AND give_up_at <= ?", Timestamp.from(now));
            }
            SubscriberStore.update(c, "DELETE FROM mail_queue WHERE state IN ('failed', 'expired') AND created_at < ?",
                    Timestamp.from(now.minus(KEPT)));
            return addresses;
        });
    }

    /** When the next pending row comes due, if any is pending. */
    Optional<Instant> nextDue() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(next_attempt_at) FROM mail_queue WHERE state = 'pending'");
                 ResultSet rs = ps.executeQuery()) {
                Timestamp ts = rs.next() ? rs.getTimestamp(1) : null;
                return Optional.ofNullable(ts == null ? null : ts.toInstant());
            }
        });
    }

    /** The rows waiting now, and those expired or failed since {@code since}. */
    public Counts counts(Instant since) {
        return db.transaction(c -> {
            int queued = 0;
            Instant oldest = null;
            String reply = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, last_reply FROM mail_queue"
                    + " WHERE state IN ('pending', 'sending') ORDER BY created_at")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (queued++ == 0) {
                            oldest = rs.getTimestamp(1).toInstant();
                            reply = rs.getString(2);
                        }
                    }
                }
            }
            int expired = 0;
            int failed = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM mail_queue WHERE state IN ('failed', 'expired')"
                    + " AND created_at >= ? GROUP BY state")) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals("expired")) {
                            expired = rs.getInt(2);
                        } else {
                            failed = rs.getInt(2);
                        }
                    }
                }
            }
            return new Counts(queued, oldest, reply, expired, failed);
        });
    }

    /** True when a claim ({@code host:pid#...}) is of this host, as {@code own} is, and its process has ended. */
    static boolean gone(String claimedBy, String own) {
        if (claimedBy == null) {
            return true;
        }
        String node = claimedBy.contains("#") ? claimedBy.substring(0, claimedBy.indexOf('#')) : claimedBy;
        String ownNode = own.contains("#") ? own.substring(0, own.indexOf('#')) : own;
        int colon = node.lastIndexOf(':');
        int ownColon = ownNode.lastIndexOf(':');
        if (colon < 0 || ownColon < 0 || !node.substring(0, colon).equals(ownNode.substring(0, ownColon))) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(node.substring(colon + 1))).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String cut(String reply) {
        return reply == null ? null : reply.length() > 500 ? reply.substring(0, 500) : reply;
    }
}
