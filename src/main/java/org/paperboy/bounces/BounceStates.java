package org.paperboy.bounces;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.paperboy.store.Database;

/**
 * Each reader's bounce and complaint state, and the list's rates, for {@code subscribers list} and
 * {@code stats}. Mailbox providers judge a list by these rates (Gmail and Yahoo 2024: complaints
 * under 0.3% of delivered mail).
 */
public final class BounceStates {

    /** One reader's returned mail: counts of each kind, and the latest reason. */
    public record ReaderState(int hard, int soft, int complaints, String lastReason, Instant lastAt) {
        /** A reader no mail came back for. */
        public static final ReaderState NONE = new ReaderState(0, 0, 0, null, null);

        public String describe() {
            return "bounces: " + hard + " hard, " + soft + " soft" + (complaints > 0 ? ", complained" : "")
                    + (lastAt == null ? "" : " (last " + (lastReason == null ? "" : lastReason + " ") + lastAt + ")");
        }
    }

    /**
     * @param sent           messages sent (accepted by the relay) since the start
     * @param bounced        of those, hard or soft bounces matched to readers
     * @param complaints     feedback-loop complaints matched to readers
     */
    public record Rates(long sent, long bounced, long complaints) {
        public double bounceRate() {
            return sent == 0 ? 0 : (double) bounced / sent;
        }

        public double complaintRate() {
            return sent == 0 ? 0 : (double) complaints / sent;
        }
    }

    private BounceStates() {
    }

    /** The state of every reader with returned mail, by subscriber id; readers without any are absent. */
    public static Map<Long, ReaderState> readers(Database db) {
        return db.transaction(c -> {
            Map<Long, ReaderState> states = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, SUM(CASE WHEN kind = 'hard' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN kind = 'soft' THEN 1 ELSE 0 END), SUM(CASE WHEN kind = 'complaint' THEN 1 ELSE 0 END),"
                    + " MAX(received_at) FROM bounce_event WHERE subscriber_id IS NOT NULL AND kind IN ('hard', 'soft', 'complaint')"
                    + " GROUP BY subscriber_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = rs.getTimestamp(5);
                    states.put(rs.getLong(1), new ReaderState(rs.getInt(2), rs.getInt(3), rs.getInt(4), null,
                            last == null ? null : last.toInstant()));
                }
            }
            return states;
        });
    }

    /** The list's bounce and complaint rates over messages sent since the instant. */
    public static Rates since(Database db, Instant since) {
        return db.transaction(c -> {
            long sent;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE state = 'sent' AND sent_at >= ?")) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    sent = rs.next() ? rs.getLong(1) : 0;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT SUM(CASE WHEN kind IN ('hard', 'soft') THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN kind = 'complaint' THEN 1 ELSE 0 END) FROM bounce_event"
                    + " WHERE subscriber_id IS NOT NULL AND received_at >= ?")) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Rates(sent, rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }
}
