package org.paperboy.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.ranking.Preferences;
import org.paperboy.store.Database;
import org.paperboy.store.Dialect;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;

/**
 * How senders share the outbox. A sender claims a batch of due rows (they become {@code sending},
 * stamped with its id), renews its claims while it works (a heartbeat), and records each outcome
 * as soon as the server answered. Claims are only ever taken over from a sender that stopped:
 * its process is gone, or its heartbeat is older than the lease.
 */
final class Claims {

    /*
     * The hot statements, here so that QueryPlanIT reads the plan of exactly these (a claim's LIMIT
     * and a batch's IN list are filled in where they are used).
     */
    /** The rows a claim takes, in the claim index's order. */
    static final String PICK = "SELECT digest_date, subscriber_id FROM delivery WHERE digest_date = ? AND state = 'pending'"
            + " AND next_attempt_at <= ? ORDER BY variant_key, subscriber_id LIMIT ";
    static final String CLAIM_POSTGRES = "UPDATE delivery d SET state = 'sending', claimed_by = ?, claimed_at = ?, attempts = d.attempts + 1"
            + " FROM (" + PICK + "%d FOR UPDATE SKIP LOCKED) p WHERE d.digest_date = p.digest_date AND d.subscriber_id = p.subscriber_id"
            + " RETURNING d.subscriber_id";
    static final String CLAIM_SQLITE = "UPDATE delivery SET state = 'sending', claimed_by = ?, claimed_at = ?, attempts = attempts + 1"
            + " WHERE (digest_date, subscriber_id) IN (" + PICK + "%d) RETURNING subscriber_id";
    static final String RECORD_SENT = "UPDATE delivery SET state = 'sent', sent_at = ?, last_reply = '250 accepted',"
            + " claimed_by = NULL WHERE state = 'sending' AND claimed_by = ? AND digest_date = ? AND subscriber_id IN (%s)";
    static final String RECORD_OTHER = "UPDATE delivery SET state = ?, attempts = ?, next_attempt_at = ?,"
            + " last_reply = ?, claimed_by = NULL WHERE state = 'sending' AND claimed_by = ? AND digest_date = ? AND subscriber_id = ?";
    static final String CLAIMED_ROWS = "SELECT d.subscriber_id, d.kind, d.attempts, d.message_id, v.paper_ids, s.email, s.status,"
            + " s.topics, s.keywords FROM delivery d " + Outbox.JOIN_VARIANT + " JOIN subscriber s ON s.id = d.subscriber_id"
            + " WHERE d.digest_date = ? AND d.subscriber_id IN (%s) ORDER BY d.variant_key, d.subscriber_id";
    /** Adds to the running totals /metrics reads (one row per outcome: sent, deferred, failed, expired). */
    static final String TALLY = "UPDATE delivery_tally SET total = total + ? WHERE outcome = ?";
    static final String HEARTBEAT = "UPDATE delivery SET claimed_at = ? WHERE state = 'sending' AND claimed_by = ?";
    static final String RELEASE = "UPDATE delivery SET state = 'pending', claimed_by = NULL WHERE state = 'sending' AND claimed_by = ?";
    static final String HOLDERS = "SELECT claimed_by, MAX(claimed_at) FROM delivery WHERE state = 'sending' GROUP BY claimed_by";

    private final Database db;

    Claims(Database db) {
        this.db = db;
    }

    /** Claims up to {@code limit} due rows of the date for the sender: one statement, one attempt more each. */
    List<OutboxRow> claim(LocalDate date, SenderId sender, int limit, Instant now) {
        return db.transaction(c -> {
            List<Long> ids = new ArrayList<>(limit);
            String sql = (db.dialect() == Dialect.POSTGRES ? CLAIM_POSTGRES : CLAIM_SQLITE).formatted(limit);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, sender.id());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setObject(3, date);
                ps.setTimestamp(4, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids.isEmpty() ? List.of() : rows(c, date, ids);
        });
    }

    private static List<OutboxRow> rows(Connection c, LocalDate date, List<Long> ids) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>(ids.size());
        String sql = CLAIMED_ROWS.formatted("?,".repeat(ids.size() - 1) + "?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, date);
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 2, ids.get(i));
            }
            Map<String, List<String>> papers = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(date, rs.getLong(1), Frequency.parse(rs.getString(2)), rs.getInt(3), rs.getString(4),
                            papers.computeIfAbsent(rs.getString(5), Outbox::split), rs.getString(6), Status.parse(rs.getString(7)),
                            Preferences.of(Outbox.split(rs.getString(8)), Outbox.split(rs.getString(9)))));
                }
            }
        }
        return rows;
    }

    /**
     * Records what became of claimed rows, in one transaction: the sent ones in one set-based
     * UPDATE, the rest (rarer, each with its own reply and next attempt) in a batch. A row another
     * sender took over meanwhile is left alone.
     */
    void record(List<Outcome> outcomes, SenderId sender, DeliveryConfig config, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        Map<LocalDate, List<Long>> sent = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.SENT)
                .collect(java.util.stream.Collectors.groupingBy(o -> o.row().date(), java.util.TreeMap::new,
                        java.util.stream.Collectors.mapping(o -> o.row().subscriberId(), java.util.stream.Collectors.toList())));
        List<Outcome> others = outcomes.stream().filter(o -> o.kind() != Outcome.Kind.SENT).toList();
        db.transaction(c -> {
            Map<String, Integer> tally = new HashMap<>();
            for (Map.Entry<LocalDate, List<Long>> date : sent.entrySet()) {
                tally.merge("sent", recordSent(c, date.getKey(), date.getValue(), sender, now), Integer::sum);
            }
            if (!others.isEmpty()) {
                int[] updated = recordOthers(c, others, sender, config, now);
                for (int i = 0; i < updated.length; i++) {
                    Outcome.Kind kind = others.get(i).kind();
                    String outcome = kind == Outcome.Kind.DEFERRED ? "deferred" : kind == Outcome.Kind.BOUNCED ? "failed" : null;
                    if (outcome != null) {
                        // a row another sender took over meanwhile is not counted (the driver may say "some" rather than how many)
                        tally.merge(outcome, updated[i] == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, updated[i]), Integer::sum);
                    }
                }
            }
            tally(c, tally);
            return null;
        });
    }

    /** Adds the counts to the running totals. */
    static void tally(Connection c, Map<String, Integer> counts) throws SQLException {
        if (counts.values().stream().allMatch(n -> n == 0)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(TALLY)) {
            for (Map.Entry<String, Integer> count : new java.util.TreeMap<>(counts).entrySet()) {
                if (count.getValue() > 0) {
                    ps.setLong(1, count.getValue());
                    ps.setString(2, count.getKey());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static int recordSent(Connection c, LocalDate date, List<Long> subscribers, SenderId sender, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORD_SENT.formatted("?,".repeat(subscribers.size() - 1) + "?"))) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, sender.id());
            ps.setObject(3, date);
            for (int i = 0; i < subscribers.size(); i++) {
                ps.setLong(i + 4, subscribers.get(i));
            }
            return ps.executeUpdate();
        }
    }

    private static int[] recordOthers(Connection c, List<Outcome> outcomes, SenderId sender, DeliveryConfig config, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORD_OTHER)) {
            for (Outcome o : outcomes) {
                OutboxRow row = o.row();
                boolean notTried = o.kind() == Outcome.Kind.RELEASED || o.kind() == Outcome.Kind.POSTPONED;
                ps.setString(1, o.kind().state());
                ps.setInt(2, notTried ? row.attempts() - 1 : row.attempts());
                ps.setTimestamp(3, Timestamp.from(nextAttempt(o, config, now)));
                ps.setString(4, o.reply() == null ? null : o.reply().length() > 500 ? o.reply().substring(0, 500) : o.reply());
                ps.setString(5, sender.id());
                ps.setObject(6, row.date());
                ps.setLong(7, row.subscriberId());
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private static Instant nextAttempt(Outcome o, DeliveryConfig config, Instant now) {
        return switch (o.kind()) {
            case DEFERRED -> now.plus(config.backoff(o.row().attempts()));
            case POSTPONED -> now.plus(config.backoff(Integer.MAX_VALUE));
            default -> now;
        };
    }

    /** Renews the sender's claims, so no other sender takes them over while it works. */
    void heartbeat(SenderId sender, Instant now) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(HEARTBEAT)) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, sender.id());
                return ps.executeUpdate();
            }
        });
    }

    /** Puts back to pending whatever this sender still holds: called once its workers have all ended. */
    int releaseOwn(SenderId sender) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                ps.setString(1, sender.id());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Puts back to pending the claims of senders that stopped: whose process on this host is gone,
     * or whose heartbeat is older than {@code staleBefore}. Their rows are sent again with their
     * stored Message-IDs. Returns how many rows were released.
     */
    int releaseAbandoned(Instant staleBefore) {
        return db.transaction(c -> {
            Map<String, Instant> holders = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(HOLDERS)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp at = rs.getTimestamp(2);
                        holders.put(rs.getString(1), at == null ? Instant.EPOCH : at.toInstant());
                    }
                }
            }
            int released = 0;
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                for (var holder : holders.entrySet()) {
                    if (holder.getValue().isBefore(staleBefore) || SenderId.isGone(holder.getKey())) {
                        ps.setString(1, holder.getKey());
                        released += ps.executeUpdate();
                    }
                }
            }
            return released;
        });
    }
}
