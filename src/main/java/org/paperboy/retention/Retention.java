package org.paperboy.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.paperboy.store.Database;
import org.paperboy.store.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the database the size of the list times {@code retention.days}, not times its age: outbox
 * rows in a final state (sent, failed, cancelled), bounce events and job runs older than that are
 * added to the roll-ups ({@code delivery_rollup}, {@code daily_rollup}, {@code job_run_rollup}),
 * exactly the figures {@code stats} and the admin page read, then deleted in the same transaction;
 * digest variants no outbox row points at any more go too. Kept whatever their age: rows pending or
 * being sent, the refusals and hard or soft bounces of readers now bounced (they date the reader's
 * departure), and the ten latest runs. On SQLite the freed pages are then given back to the file
 * system ({@code PRAGMA incremental_vacuum}).
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** The latest runs always kept: {@code stats} lists them. */
    static final int KEPT_RUNS = 10;
    /** Outbox rows a prune folds and deletes in one transaction, in whole dates (at least one). */
    static long rowsATransaction = 1_000_000;   // not final only so that a test can make batches of a few rows
    private static final String EXPIRED = "CASE WHEN state = 'cancelled' AND last_reply LIKE 'expired:%' THEN 'expired' ELSE state END";
    /* What is old enough to go: final outbox rows of dates before the cutoff, but a bounced reader's refusals. */
    static final String OLD_DELIVERIES = " FROM delivery WHERE digest_date < ? AND state IN ('sent', 'failed', 'cancelled')"
            + " AND NOT (state = 'failed' AND subscriber_id IN (SELECT id FROM subscriber WHERE status = 'bounced'))";
    static final String OLD_EVENTS = " FROM bounce_event WHERE received_at < ?"
            + " AND NOT (kind IN ('hard', 'soft') AND subscriber_id IS NOT NULL"
            + " AND subscriber_id IN (SELECT id FROM subscriber WHERE status = 'bounced'))";
    static final String OLD_RUNS = " FROM job_run WHERE started_at < ? AND outcome <> 'running'"
            + " AND id NOT IN (SELECT id FROM (SELECT id FROM job_run ORDER BY started_at DESC, id DESC LIMIT " + KEPT_RUNS + ") latest)";

    /** What a prune removed (or, dry, would remove). */
    public record Pruned(LocalDate cutoff, long deliveries, long variants, long bounceEvents, long jobRuns, boolean dryRun) {
        public String summary() {
            return String.format("%s %d outbox rows, %d digest variants, %d bounce events and %d job runs from before %s%s",
                    dryRun ? "would fold into the roll-ups and delete" : "folded into the roll-ups and deleted", deliveries, variants,
                    bounceEvents, jobRuns, cutoff, dryRun ? " (dry run: nothing changed)" : "");
        }
    }

    private final Database db;
    private final RetentionConfig config;
    private final ZoneId zone;
    private final Clock clock;

    /** @param zone the time zone days are counted in: the schedule's, as {@code stats} counts them */
    public Retention(Database db, RetentionConfig config, ZoneId zone, Clock clock) {
        this.db = db;
        this.config = config;
        this.zone = zone;
        this.clock = clock;
    }

    /** Folds and deletes what is older than {@code retention.days}; with {@code dryRun} only counts it. */
    public Pruned prune(boolean dryRun) {
        LocalDate cutoff = LocalDate.ofInstant(clock.instant(), zone).minusDays(config.days());
        Instant before = cutoff.atStartOfDay(zone).toInstant();
        if (dryRun) {
            return db.transaction(c -> new Pruned(cutoff, count(c, OLD_DELIVERIES, cutoff), count(c, LEFT_UNUSED, cutoff),
                    count(c, OLD_EVENTS, before),
                    count(c, OLD_RUNS, before), true));
        }
        // whole outbox dates a transaction, up to rowsATransaction rows: a date's rows are folded and
        // deleted together (a prune stopped half-way counts nothing twice) and the journal holds days,
        // not a year; not one date each, since every date's delete touches a page of the per-reader
        // index for each reader (a year of 100,000 readers pruned date by date wrote 270 GB)
        long deliveries = 0;
        LocalDate first = null;
        LocalDate last = null;
        long rows = 0;
        for (LocalDate date = nextOldDate(null, cutoff); date != null; date = nextOldDate(date, cutoff)) {
            first = first == null ? date : first;
            last = date;
            LocalDate day = date;
            rows += db.transaction(c -> count(c, " FROM delivery WHERE digest_date = ?", day));
            if (rows >= rowsATransaction) {
                deliveries += deliveries(first, last);
                first = null;
                rows = 0;
            }
        }
        if (first != null) {
            deliveries += deliveries(first, last);
        }
        long variants = db.transaction(c -> update(c, "DELETE FROM delivery_variant WHERE digest_date < ?" + UNUSED_VARIANT
                .replace("v.", "delivery_variant."), cutoff));
        long events = db.transaction(c -> events(c, before));
        long runs = db.transaction(c -> runs(c, before));
        if (db.dialect() == Dialect.SQLITE) {
            giveSpaceBack();
        }
        return new Pruned(cutoff, deliveries, variants, events, runs, false);
    }

    /** The variants no row will point at once the old rows are gone: for a dry run, which deletes nothing. */
    private static final String LEFT_UNUSED = " FROM delivery_variant v WHERE v.digest_date < ? AND NOT EXISTS (SELECT 1 FROM delivery d"
            + " WHERE d.digest_date = v.digest_date AND d.variant_key = v.variant_key AND (d.state NOT IN ('sent', 'failed', 'cancelled')"
            + " OR (d.state = 'failed' AND d.subscriber_id IN (SELECT id FROM subscriber WHERE status = 'bounced'))))";
    private static final String UNUSED_VARIANT = " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.digest_date = v.digest_date"
            + " AND d.variant_key = v.variant_key)";

    /** The first outbox date after {@code after} (or the first at all) and before the cutoff with rows old enough to go; null when none. */
    private LocalDate nextOldDate(LocalDate after, LocalDate cutoff) {
        return db.transaction(c -> nextOldDate(c, after, cutoff));
    }

    private static LocalDate nextOldDate(Connection c, LocalDate after, LocalDate cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT digest_date" + OLD_DELIVERIES
                + (after == null ? "" : " AND digest_date > ?") + " ORDER BY digest_date LIMIT 1")) {
            ps.setObject(1, cutoff);
            if (after != null) {
                ps.setObject(2, after);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, LocalDate.class) : null;
            }
        }
    }

    private long deliveries(LocalDate first, LocalDate last) {
        return db.transaction(c -> deliveries(c, first, last));
    }

    /** Folds the old outbox rows of the dates from {@code first} to {@code last} into the roll-ups and deletes them. */
    private long deliveries(Connection c, LocalDate first, LocalDate last) throws SQLException {
        String ofDates = OLD_DELIVERIES.replace("digest_date < ?", "digest_date BETWEEN ? AND ?");
        Map<LocalDate, Map<String, Long>> daily = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT state, sent_at, next_attempt_at" + ofDates
                + " AND state IN ('sent', 'failed')")) {
            ps.setObject(1, first);
            ps.setObject(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean sent = rs.getString(1).equals("sent");
                    Timestamp at = rs.getTimestamp(sent ? 2 : 3);
                    if (at != null) {
                        add(daily, at.toInstant(), sent ? "sent" : "refused");
                    }
                }
            }
        }
        Rollups.addDaily(c, daily);
        try (PreparedStatement ps = c.prepareStatement("SELECT digest_date, " + EXPIRED + ", COUNT(*), MIN(created_at), MAX(created_at),"
                + " MAX(sent_at)" + ofDates + " GROUP BY digest_date, " + EXPIRED)) {
            ps.setObject(1, first);
            ps.setObject(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Rollups.addDate(c, rs.getObject(1, LocalDate.class), rs.getString(2), new Rollups.DateGroup(rs.getLong(3),
                            instant(rs, 4), instant(rs, 5), instant(rs, 6)));
                }
            }
        }
        return update(c, "DELETE" + ofDates, first, last);
    }

    private long events(Connection c, Instant before) throws SQLException {
        Map<LocalDate, Map<String, Long>> daily = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT received_at, kind, matched_by, subscriber_id" + OLD_EVENTS)) {
            ps.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getTimestamp(1).toInstant();
                    add(daily, at, "bounce:" + rs.getString(2) + ":" + rs.getString(3));
                    rs.getLong(4);
                    if (!rs.wasNull() && rs.getString(2).equals("hard")) {
                        add(daily, at, "bounce:hard:reader");
                    }
                }
            }
        }
        Rollups.addDaily(c, daily);
        return update(c, "DELETE" + OLD_EVENTS, Timestamp.from(before));
    }

    private long runs(Connection c, Instant before) throws SQLException {
        Map<LocalDate, Rollups.Runs> byDate = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT digest_date, started_at, finished_at, outcome" + OLD_RUNS
                + " ORDER BY started_at, id")) {
            ps.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant started = instant(rs, 2);
                    Instant finished = instant(rs, 3);
                    double seconds = finished == null ? 0 : (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
                    byDate.merge(rs.getObject(1, LocalDate.class), new Rollups.Runs(1, seconds, started, rs.getString(4)),
                            (a, b) -> new Rollups.Runs(a.runs() + b.runs(), a.seconds() + b.seconds(), b.lastStartedAt(), b.lastOutcome()));
                }
            }
        }
        for (Map.Entry<LocalDate, Rollups.Runs> r : byDate.entrySet()) {
            Rollups.addRuns(c, r.getKey(), r.getValue());
        }
        return update(c, "DELETE" + OLD_RUNS, Timestamp.from(before));
    }

    /**
     * Gives the free pages back to the file system: the file shrinks (incremental auto-vacuum, see
     * docs/schema.md). When most of the file is free (the first prune of a list that kept everything)
     * it is rewritten instead: SQLite moves pages one at a time into the free list's holes, which with a
     * year of 100,000 readers (2.7 million free pages) ran for over 15 minutes at full CPU, while a VACUUM
     * copies only what is kept. Should the VACUUM not get the file (another process writing, too little
     * disk), the pages are freed one by one as usual.
     */
    private void giveSpaceBack() {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (2 * pragma(s, "freelist_count") > pragma(s, "page_count")) {
                try {
                    s.execute("VACUUM");
                    return;
                } catch (SQLException e) {
                    LOG.warn("pruned; rewriting the file to give most of it back failed ({}), freeing its pages one by one", e.getMessage());
                }
            }
            // the pragma frees one page a step: executeUpdate steps it to its end (execute would free one page)
            s.executeUpdate("PRAGMA incremental_vacuum");
        } catch (SQLException e) {
            throw new org.paperboy.store.StoreException("pruned, but cannot give the space back to the file system: " + e.getMessage(), e);
        }
    }

    /**
     * Turns on incremental auto-vacuum for a file made before it was the default, with one VACUUM:
     * the file is rewritten, so it needs as much free disk again and no other process writing.
     */
    public void vacuum() {
        if (db.dialect() != Dialect.SQLITE) {
            return;
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA auto_vacuum = INCREMENTAL");
            s.execute("VACUUM");
        } catch (SQLException e) {
            throw new org.paperboy.store.StoreException("cannot VACUUM the database: " + e.getMessage(), e);
        }
    }

    private static long pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void add(Map<LocalDate, Map<String, Long>> daily, Instant at, String figure) {
        daily.computeIfAbsent(LocalDate.ofInstant(at, zone), k -> new TreeMap<>()).merge(figure, 1L, Long::sum);
    }

    private static long count(Connection c, String from, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from)) {
            bind(ps, 1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, int index, Object arg) throws SQLException {
        if (arg instanceof Instant i) {
            ps.setTimestamp(index, Timestamp.from(i));
        } else {
            ps.setObject(index, arg);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
