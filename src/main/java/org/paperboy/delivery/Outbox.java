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
import org.paperboy.store.Database;
import org.paperboy.store.Dialect;

/**
 * The delivery rows in the database: one per (digest date, subscriber), so a date is mailed to
 * each reader at most once whatever runs, restarts or nodes come and go. This side plans rows and
 * answers questions about them; {@link Claims} hands them to senders and records what became of them.
 */
final class Outbox {

    /** A row to insert when planning a date. */
    record Planned(long subscriberId, String kind, String messageId, String variantKey) {
    }

    /** Rows per INSERT statement on PostgreSQL (7 parameters each, well under its 32,767). */
    private static final int ROWS_PER_INSERT = 500;
    private static final String COLUMNS = "(digest_date, subscriber_id, kind, state, attempts, next_attempt_at, message_id,"
            + " variant_key, created_at)";
    private static final String VALUES = "(?, ?, ?, 'pending', 0, ?, ?, ?, ?)";
    private static final int PARAMETERS = 7;

    /* The hot statements, here so that QueryPlanIT reads the plan of exactly these. */
    static final String PLANNED = "SELECT subscriber_id FROM delivery WHERE digest_date = ?";
    /** Joins an outbox row {@code d} to its digest variant {@code v}, which holds the paper ids. */
    static final String JOIN_VARIANT = "JOIN delivery_variant v ON v.digest_date = d.digest_date AND v.variant_key = d.variant_key";
    /**
     * The readers of each digest variant sent on a day within a range of reader ids, one row per
     * variant with its readers' ids joined by commas: one statement per day of the history, each a
     * range read in V16's covering index of sent rows, which is laid out by date, so a year of
     * history costs no more than the days asked for, and recording today's sends appends to the
     * index's end. A range rather than a list of ids (a plan's chunks are consecutive readers) and a
     * row per variant rather than per reader: with 10,000 ids in an IN list and a row each, reading
     * 30 days took seconds. SQLite is told the index ({@code INDEXED BY}): without statistics it
     * took the claim index, which reads every sent row of the day.
     */
    static final String HISTORY = "SELECT variant_key, %s FROM delivery%s WHERE state = 'sent' AND digest_date = ?"
            + " AND subscriber_id BETWEEN ? AND ? GROUP BY variant_key";
    /** The papers of some variants of a date. */
    static final String VARIANT_PAPERS = "SELECT variant_key, paper_ids FROM delivery_variant WHERE digest_date = ? AND variant_key IN (%s)";
    // expiry reads the pending rows alone (V19's partial index; SQLite's planner would range over
    // every earlier date's rows of delivery_claim_idx, a year's worth, unless told)
    private static final String EXPIRING = "SELECT digest_date, COUNT(*) FROM delivery%s WHERE digest_date < ? AND state = 'pending'"
            + " GROUP BY digest_date";
    private static final String EXPIRE = "UPDATE delivery%s SET state = 'cancelled', last_reply = ? WHERE digest_date < ? AND state = 'pending'";
    static final String COUNTS = "SELECT state, COUNT(*) FROM delivery WHERE digest_date = ? GROUP BY state";
    static final String DATES_WITH_WORK = "SELECT DISTINCT digest_date FROM delivery WHERE digest_date >= ?"
            + " AND state IN ('pending', 'sending') ORDER BY digest_date";
    static final String NEXT_DUE = "SELECT MIN(next_attempt_at) FROM delivery WHERE digest_date = ? AND state = 'pending'";

    private final Database db;

    Outbox(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    /**
     * On PostgreSQL, fresh planner statistics for the outbox and the readers after a large plan: with
     * the thousands of rows just inserted not yet analysed (autovacuum comes later), PostgreSQL chose
     * plans that took 50–350 ms for each claimed batch, a third of the sending rate. ANALYZE samples
     * a bounded number of rows and does not block readers or writers.
     */
    void refreshStatistics() {
        if (db.dialect() != Dialect.POSTGRES) {
            return;
        }
        db.transaction(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("ANALYZE delivery, delivery_variant, subscriber");
            }
            return null;
        });
    }

    /** The subscribers that already have a row for the date, whatever its state. */
    Set<Long> planned(LocalDate date) {
        return db.transaction(c -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(PLANNED)) {
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

    /** A digest variant sent on a date: what a history row points at. */
    record SentVariant(LocalDate date, String key) {
    }

    /** How many rows expiry cancels, per date. */
    static String expiring(Dialect dialect) {
        return EXPIRING.formatted(pendingIndex(dialect));
    }

    /** Cancels the rows pending from before the oldest date a run may send. */
    static String expire(Dialect dialect) {
        return EXPIRE.formatted(pendingIndex(dialect));
    }

    /** SQLite's hint to read the pending rows through V19's partial index; PostgreSQL's planner finds it alone. */
    private static String pendingIndex(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? "" : " INDEXED BY delivery_pending_idx";
    }

    /** {@link #HISTORY} as the dialect runs it. */
    static String history(Dialect dialect) {
        return dialect == Dialect.POSTGRES ? HISTORY.formatted("string_agg(CAST(subscriber_id AS VARCHAR), ',')", "")
                : HISTORY.formatted("group_concat(subscriber_id, ',')", " INDEXED BY delivery_sent_idx");
    }

    /** The variants each of these subscribers was sent on the given days (readers sent nothing left out), in the days' order. */
    Map<Long, List<SentVariant>> sentVariants(List<Long> subscribers, List<LocalDate> days) {
        if (subscribers.isEmpty() || days.isEmpty()) {
            return Map.of();
        }
        Set<Long> asked = new HashSet<>(subscribers);
        long from = java.util.Collections.min(subscribers);
        long to = java.util.Collections.max(subscribers);
        return db.transaction(c -> {
            Map<Long, List<SentVariant>> sent = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(history(db.dialect()))) {
                ps.setLong(2, from);
                ps.setLong(3, to);
                for (LocalDate day : days) {
                    ps.setObject(1, day);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            SentVariant v = new SentVariant(day, rs.getString(1));
                            for (String id : split(rs.getString(2))) {
                                Long reader = Long.valueOf(id);
                                if (asked.contains(reader)) {
                                    sent.computeIfAbsent(reader, k -> new ArrayList<>(days.size())).add(v);
                                }
                            }
                        }
                    }
                }
            }
            return sent;
        });
    }

    /** The paper ids of these variants of the date (a variant no longer stored is left out). */
    Map<String, List<String>> variantPapers(LocalDate date, java.util.Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        Map<String, List<String>> papers = new HashMap<>();
        for (int from = 0; from < all.size(); from += ROWS_PER_INSERT) {
            List<String> part = all.subList(from, Math.min(all.size(), from + ROWS_PER_INSERT));
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(VARIANT_PAPERS.formatted(marks(part.size())))) {
                    ps.setObject(1, date);
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 2, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            papers.put(rs.getString(1), split(rs.getString(2)));
                        }
                    }
                }
                return null;
            });
        }
        return papers;
    }

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }

    /**
     * Inserts the planned rows as pending, with the digest variants they point at that are not
     * stored yet, in one transaction: a JDBC batch on SQLite (one prepared statement, one commit),
     * multi-row INSERTs on PostgreSQL (one round trip per 500 rows).
     *
     * @param newVariants variant key to paper ids, for the variants this run has not stored yet
     *     (one already stored is left as it is)
     */
    /** A paper a stored digest carries, kept once ({@code paper} table) for vote pages and for learning from votes. */
    record KnownPaper(String id, String title, String url, String model, byte[] vector) {
    }

    void insert(LocalDate date, List<Planned> rows, Map<String, List<String>> newVariants, Instant now) {
        insert(date, rows, newVariants, List.of(), now);
    }

    void insert(LocalDate date, List<Planned> rows, Map<String, List<String>> newVariants, java.util.Collection<KnownPaper> papers,
                Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            if (!papers.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO paper (paper_id, title, url, first_date, model, vector)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (paper_id) DO NOTHING")) {
                    for (KnownPaper p : papers) {
                        ps.setString(1, p.id());
                        ps.setString(2, p.title().length() > 1000 ? p.title().substring(0, 1000) : p.title());
                        ps.setString(3, p.url() == null || p.url().length() > 2000 ? null : p.url());
                        ps.setObject(4, date);
                        ps.setString(5, p.model());
                        ps.setBytes(6, p.vector());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!newVariants.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_variant (digest_date, variant_key, paper_ids)"
                        + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (Map.Entry<String, List<String>> v : newVariants.entrySet()) {
                        ps.setObject(1, date);
                        ps.setString(2, v.getKey());
                        ps.setString(3, String.join(",", v.getValue()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (db.dialect() == Dialect.POSTGRES) {
                for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                    insertMultiRow(c, date, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)), now);
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery " + COLUMNS + " VALUES " + VALUES)) {
                    for (Planned row : rows) {
                        bindRow(ps, 0, date, row, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    private static void insertMultiRow(Connection c, LocalDate date, List<Planned> rows, Instant now) throws SQLException {
        String sql = "INSERT INTO delivery " + COLUMNS + " VALUES " + (VALUES + ", ").repeat(rows.size() - 1) + VALUES;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < rows.size(); i++) {
                bindRow(ps, i * PARAMETERS, date, rows.get(i), now);
            }
            ps.executeUpdate();
        }
    }

    private static void bindRow(PreparedStatement ps, int offset, LocalDate date, Planned row, Instant now) throws SQLException {
        ps.setObject(offset + 1, date);
        ps.setLong(offset + 2, row.subscriberId());
        ps.setString(offset + 3, row.kind());
        ps.setTimestamp(offset + 4, Timestamp.from(now));
        ps.setString(offset + 5, row.messageId());
        ps.setString(offset + 6, row.variantKey());
        ps.setTimestamp(offset + 7, Timestamp.from(now));
    }

    /**
     * Cancels, as expired, the rows still pending from before the oldest date a run may send (an
     * MTA's queue lifetime). Returns how many, per date.
     */
    Map<LocalDate, Integer> expire(LocalDate oldest, int maxAgeDays) {
        Map<LocalDate, Integer> expired = new HashMap<>();
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(expiring(db.dialect()))) {
                ps.setObject(1, oldest);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        expired.put(rs.getObject(1, LocalDate.class), rs.getInt(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(expire(db.dialect()))) {
                ps.setString(1, "expired: not delivered within delivery.maxAgeDays (" + maxAgeDays + ")");
                ps.setObject(2, oldest);
                Claims.tally(c, Map.of("expired", ps.executeUpdate()));
            }
            return null;
        });
        return expired;
    }

    /** Puts the date's failed rows back in the queue, for an operator who fixed the cause. */
    int retryFailed(LocalDate date, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'pending', next_attempt_at = ?,"
                    + " last_reply = 'retried by the operator' WHERE digest_date = ? AND state = 'failed'")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setObject(2, date);
                return ps.executeUpdate();
            }
        });
    }

    /** How many rows of the date are in each state. */
    Map<String, Integer> counts(LocalDate date) {
        return db.transaction(c -> {
            Map<String, Integer> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(COUNTS)) {
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

    /** The dates since the given one with rows pending or being sent, oldest first. */
    List<LocalDate> datesWithWork(LocalDate since) {
        return db.transaction(c -> {
            List<LocalDate> dates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DATES_WITH_WORK)) {
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
            try (PreparedStatement ps = c.prepareStatement(NEXT_DUE)) {
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
