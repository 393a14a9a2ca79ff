package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * What retention folded into the roll-ups (V14) before deleting the rows, read back so that every
 * figure is the same before and after a prune: per day in the schedule's zone (the days a report
 * counts in), and per digest date.
 */
final class Rolled {

    static final String DAILY = "SELECT day, total FROM daily_rollup WHERE figure = ? AND day >= ? AND day <= ?";
    static final String RETURNED = "SELECT figure, SUM(total) FROM daily_rollup WHERE figure LIKE 'bounce:%' AND day >= ? GROUP BY figure";
    static final String DATES_SINCE = "SELECT digest_date, state, messages, first_planned, last_sent FROM delivery_rollup WHERE digest_date >= ?";
    static final String PLANNED_LATE = "SELECT DISTINCT digest_date FROM delivery_rollup WHERE last_planned >= ? AND digest_date < ?";
    static final String DATE = "SELECT digest_date, state, messages, first_planned, last_sent FROM delivery_rollup WHERE digest_date = ?";
    static final String RUNS = "SELECT digest_date, seconds, last_outcome FROM job_run_rollup WHERE digest_date >= ?";

    private Rolled() {
    }

    /** A daily figure for each day of the window that has one. */
    static Map<LocalDate, Long> daily(Connection c, String figure, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, Long> days = new TreeMap<>();
        Sql.list(c, DAILY, rs -> days.merge(rs.getObject(1, LocalDate.class), rs.getLong(2), Long::sum), figure, from, to);
        return days;
    }
}
