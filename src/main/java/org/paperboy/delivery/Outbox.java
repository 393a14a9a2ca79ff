package org.paperboy.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.paperboy.ranking.Preferences;
import org.paperboy.store.Database;

/**
 * The delivery rows in the database: one per (digest date, subscriber), so a date is mailed to
 * each reader at most once whatever runs, restarts or nodes come and go. Senders claim rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, so no two senders ever hold the same row.
 */
final class Outbox {

    /** A row to insert when planning a date. */
    record Planned(long subscriberId, String kind, String messageId, List<String> paperIds, String variantKey) {
    }

    private final Database db;

    Outbox(Database db) {
        this.db = db;
    }

    private <T> T write(Database.Work<T> work) {
        return db.transaction(work);
    }

    /** The subscribers that already have a row for the date, whatever its state. */
    Set<Long> planned(LocalDate date) {
        return db.transaction(c -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id FROM delivery WHERE digest_date = ?")) {
                ps.setObject(1, date);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** The paper ids each of these subscribers was sent in the days before the date. */
    Map<Long, Set<String>> history(List<Long> subscribers, LocalDate date, int days) {
        if (subscribers.isEmpty()) {
            return Map.of();
        }
        return db.transaction(c -> {
            Map<Long, Set<String>> sent = new HashMap<>();
            String sql = "SELECT subscriber_id, paper_ids FROM delivery WHERE state = 'sent' AND digest_date < ? AND digest_date >= ?"
                    + " AND subscriber_id IN (" + "?,".repeat(subscribers.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, date);
                ps.setObject(2, date.minusDays(days));
                for (int i = 0; i < subscribers.size(); i++) {
                    ps.setLong(i + 3, subscribers.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sent.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).addAll(split(rs.getString(2)));
                    }
                }
            }
            return sent;
        });
    }

    /** Inserts the planned rows as pending, in one transaction. */
    void insert(LocalDate date, List<Planned> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (digest_date, subscriber_id, kind, state, attempts,"
                    + " next_attempt_at, message_id, paper_ids, variant_key, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)")) {
                for (Planned row : rows) {
                    ps.setObject(1, date);
                    ps.setLong(2, row.subscriberId());
                    ps.setString(3, row.kind());
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setString(5, row.messageId());
                    ps.setString(6, String.join(",", row.paperIds()));
                    ps.setString(7, row.variantKey());
                    ps.setTimestamp(8, Timestamp.from(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Rows left in {@code sending} by a sender that died: back to pending, to be sent again with
     * their stored Message-ID. Only claims older than {@code staleBefore} are taken over.
     */
    int recover(LocalDate date, Instant staleBefore) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'pending', claimed_by = NULL"
                    + " WHERE digest_date = ? AND state = 'sending' AND claimed_at < ?")) {
                ps.setObject(1, date);
                ps.setTimestamp(2, Timestamp.from(staleBefore));
                return ps.executeUpdate();
            }
        });
    }

    /** Claims up to {@code limit} due rows for this sender and marks them sending, one attempt more. */
    List<OutboxRow> claim(LocalDate date, String sender, int limit, Instant now) {
        return write(c -> {
            List<Long> ids = new ArrayList<>(limit);
            try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id FROM delivery WHERE digest_date = ? AND state = 'pending'"
                    + " AND next_attempt_at <= ? LIMIT " + limit + db.dialect().forUpdateSkipLocked())) {
                ps.setObject(1, date);
                ps.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'sending', claimed_by = ?, claimed_at = ?,"
                    + " attempts = attempts + 1 WHERE digest_date = ? AND subscriber_id = ?")) {
                for (long id : ids) {
                    ps.setString(1, sender);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setObject(3, date);
                    ps.setLong(4, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return rows(c, date, ids);
        });
    }

    private static List<OutboxRow> rows(Connection c, LocalDate date, List<Long> ids) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>(ids.size());
        String sql = "SELECT d.subscriber_id, d.kind, d.attempts, d.message_id, d.paper_ids, s.email, s.status, s.topics, s.keywords"
                + " FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE d.digest_date = ? AND d.subscriber_id IN ("
                + "?,".repeat(ids.size() - 1) + "?) ORDER BY d.variant_key, d.subscriber_id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, date);
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 2, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(date, rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            split(rs.getString(5)), rs.getString(6), rs.getString(7),
                            Preferences.of(split(rs.getString(8)), split(rs.getString(9)))));
                }
            }
        }
        return rows;
    }

    /** Records what became of claimed rows, in one transaction. */
    void record(List<Outcome> outcomes, String sender, DeliveryConfig config, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = ?, attempts = ?, next_attempt_at = ?,"
                    + " last_reply = ?, sent_at = ?, claimed_by = NULL WHERE digest_date = ? AND subscriber_id = ? AND state = 'sending'"
                    + " AND claimed_by = ?")) {
                for (Outcome o : outcomes) {
                    OutboxRow row = o.row();
                    int attempts = o.kind() == Outcome.Kind.RELEASED ? row.attempts() - 1 : row.attempts();
                    String state = switch (o.kind()) {
                        case SENT -> "sent";
                        case BOUNCED -> "failed";
                        case CANCELLED -> "cancelled";
                        case RELEASED -> "pending";
                        case DEFERRED -> attempts >= config.maxAttempts() ? "failed" : "pending";
                    };
                    Instant next = o.kind() == Outcome.Kind.DEFERRED ? now.plus(config.backoff(attempts)) : now;
                    ps.setString(1, state);
                    ps.setInt(2, attempts);
                    ps.setTimestamp(3, Timestamp.from(next));
                    ps.setString(4, o.reply() == null ? null : o.reply().length() > 500 ? o.reply().substring(0, 500) : o.reply());
                    ps.setTimestamp(5, o.kind() == Outcome.Kind.SENT ? Timestamp.from(now) : null);
                    ps.setObject(6, row.date());
                    ps.setLong(7, row.subscriberId());
                    ps.setString(8, sender);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** How many rows of the date are in each state. */
    Map<String, Integer> counts(LocalDate date) {
        return db.transaction(c -> {
            Map<String, Integer> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM delivery WHERE digest_date = ? GROUP BY state")) {
                ps.setObject(1, date);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return counts;
        });
    }

    List<LocalDate> datesWithWork(LocalDate since) {
        return db.transaction(c -> {
            List<LocalDate> dates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT digest_date FROM delivery WHERE digest_date >= ?"
                    + " AND state IN ('pending', 'sending') ORDER BY digest_date")) {
                ps.setObject(1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dates.add(rs.getObject(1, LocalDate.class));
                    }
                }
            }
            return dates;
        });
    }

    /** When the next pending row of the date comes due, if any is pending. */
    Optional<Instant> nextDue(LocalDate date) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MIN(next_attempt_at) FROM delivery WHERE digest_date = ? AND state = 'pending'")) {
                ps.setObject(1, date);
                try (ResultSet rs = ps.executeQuery()) {
                    Timestamp ts = rs.next() ? rs.getTimestamp(1) : null;
                    return Optional.ofNullable(ts == null ? null : ts.toInstant());
                }
            }
        });
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

}
