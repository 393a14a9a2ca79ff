package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.paperboy.PaperboyException;
import org.paperboy.store.Database;

/**
 * The installation's numbers, read from the database: readers by status and frequency, daily
 * growth, each send, bounce and complaint rates, the latest runs; and one reader's delivery
 * history. Shared by {@code paperboy stats} and the admin page. Only reads, each on a connection
 * of its own in a read-only transaction, so it never holds SQLite's write lock.
 */
public final class Stats {

    /** The most days a report covers. */
    public static final int MAX_DAYS = 366;
    private static final int RECENT_RUNS = 10;

    /** One reader's outbox rows, newest first (QueryPlanIT reads its plan). */
    static final String HISTORY = "SELECT digest_date, kind, state, attempts, last_reply, created_at, sent_at"
            + " FROM delivery WHERE subscriber_id = ? ORDER BY digest_date DESC LIMIT ";

    /** Every subscriber by status and frequency, in one pass over subscriber_frequency_idx (V18; QueryPlanIT reads its plan). */
    static final String READERS = "SELECT status, frequency, COUNT(*) FROM subscriber GROUP BY status, frequency";

    private final DataSource data;
    private final ZoneId zone;
    private final Clock clock;
    private final Departures departures;

    /** @param zone the time zone days are counted in: the schedule's */
    public Stats(Database database, ZoneId zone, Clock clock) {
        this.data = database.dataSource();
        this.zone = zone;
        this.clock = clock;
        this.departures = new Departures(data);
    }

    /** The report of the last {@code days} days, today included. */
    public Report report(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new PaperboyException("--days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        Instant now = clock.instant();
        LocalDate to = now.atZone(zone).toLocalDate();
        LocalDate from = to.minusDays(days - 1L);
        Instant since = from.atStartOfDay(zone).toInstant();
        return read("the report", c -> {
            Readers readers = readers(c);
            List<GrowthDay> growth = new Growth(departures, zone).days(c, from, to, now, readers.confirmed());
            long sent = growth.stream().mapToLong(GrowthDay::sent).sum();
            long refused = growth.stream().mapToLong(GrowthDay::hardBounces).sum();
            Rates rates = new Rates(sent, refused, departures.complaints(c, since), departures.complaintsTracked());
            return new Report(now, zone.getId(), days, from, to, readers, growth, new Sends().days(c, from, since), rates,
                    Returned.since(c, since, from),
                    Sends.recentRuns(c, RECENT_RUNS));
        });
    }

    /** The reader's outbox rows, newest first. */
    public List<ReaderDelivery> history(long subscriberId, int limit) {
        return read("the delivery history", c -> Sql.list(c, HISTORY + Math.max(1, limit),
                rs -> new ReaderDelivery(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), Sql.instant(rs, 6), Sql.instant(rs, 7)), subscriberId));
    }

    private static Readers readers(Connection c) throws SQLException {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String status : List.of("confirmed", "pending", "unsubscribed", "bounced")) {
            byStatus.put(status, 0L);
        }
        Map<String, Long> byFrequency = new LinkedHashMap<>();
        byFrequency.put("daily", 0L);
        byFrequency.put("weekly", 0L);
        Sql.list(c, READERS, rs -> {
            String status = rs.getString(1);
            byStatus.merge(status, rs.getLong(3), Long::sum);
            return status.equals("confirmed") ? byFrequency.merge(rs.getString(2), rs.getLong(3), Long::sum) : null;
        });
        return new Readers(byStatus, byFrequency);
    }

    /** Reads on a connection of its own. */
    @FunctionalInterface
    private interface Reading<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Reads in one read-only transaction, so every figure comes from the same moment (the readers by
     * status and the growth's last day agree even while people subscribe): a snapshot on PostgreSQL
     * (repeatable read) and on SQLite (WAL: a reader holds no lock a writer waits for).
     */
    private <T> T read(String what, Reading<T> reading) {
        try (Connection c = data.getConnection()) {
            if (c.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            c.setAutoCommit(false);
            try {
                return reading.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new PaperboyException("cannot read " + what + " from the database: " + e.getMessage(), e);
        }
    }
}
