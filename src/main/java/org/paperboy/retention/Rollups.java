package org.paperboy.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Adds to the roll-up tables, the same way on both databases: an UPDATE adding to a row, and an
 * INSERT where there was none (a date pruned twice, when rows of an old date came after a prune).
 */
final class Rollups {

    /** One digest date's rows in one final state. */
    record DateGroup(long messages, Instant firstPlanned, Instant lastPlanned, Instant lastSent) {
    }

    /** One digest date's runs. */
    record Runs(int runs, double seconds, Instant lastStartedAt, String lastOutcome) {
    }

    private Rollups() {
    }

    static void addDaily(Connection c, Map<LocalDate, Map<String, Long>> daily) throws SQLException {
        for (Map.Entry<LocalDate, Map<String, Long>> day : daily.entrySet()) {
            for (Map.Entry<String, Long> figure : day.getValue().entrySet()) {
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE daily_rollup SET total = total + ? WHERE day = ? AND figure = ?")) {
                    ps.setLong(1, figure.getValue());
                    ps.setObject(2, day.getKey());
                    ps.setString(3, figure.getKey());
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO daily_rollup (day, figure, total) VALUES (?, ?, ?)")) {
                        ps.setObject(1, day.getKey());
                        ps.setString(2, figure.getKey());
                        ps.setLong(3, figure.getValue());
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    static void addDate(Connection c, LocalDate date, String state, DateGroup g) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE delivery_rollup SET messages = messages + ?,"
                + " first_planned = CASE WHEN first_planned IS NULL OR first_planned > ? THEN ? ELSE first_planned END,"
                + " last_planned = CASE WHEN last_planned IS NULL OR last_planned < ? THEN ? ELSE last_planned END,"
                + " last_sent = CASE WHEN last_sent IS NULL OR last_sent < ? THEN ? ELSE last_sent END"
                + " WHERE digest_date = ? AND state = ?")) {
            ps.setLong(1, g.messages());
            ts(ps, 2, g.firstPlanned());
            ts(ps, 3, g.firstPlanned());
            ts(ps, 4, g.lastPlanned());
            ts(ps, 5, g.lastPlanned());
            // a null last_sent must not replace one: compare with itself
            ts(ps, 6, g.lastSent());
            ts(ps, 7, g.lastSent());
            ps.setObject(8, date);
            ps.setString(9, state);
            updated = g.lastSent() == null ? -1 : ps.executeUpdate();
        }
        if (updated == -1) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery_rollup SET messages = messages + ?,"
                    + " first_planned = CASE WHEN first_planned IS NULL OR first_planned > ? THEN ? ELSE first_planned END,"
                    + " last_planned = CASE WHEN last_planned IS NULL OR last_planned < ? THEN ? ELSE last_planned END"
                    + " WHERE digest_date = ? AND state = ?")) {
                ps.setLong(1, g.messages());
                ts(ps, 2, g.firstPlanned());
                ts(ps, 3, g.firstPlanned());
                ts(ps, 4, g.lastPlanned());
                ts(ps, 5, g.lastPlanned());
                ps.setObject(6, date);
                ps.setString(7, state);
                updated = ps.executeUpdate();
            }
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_rollup (digest_date, state, messages, first_planned,"
                    + " last_planned, last_sent) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, date);
                ps.setString(2, state);
                ps.setLong(3, g.messages());
                ts(ps, 4, g.firstPlanned());
                ts(ps, 5, g.lastPlanned());
                ts(ps, 6, g.lastSent());
                ps.executeUpdate();
            }
        }
    }

    static void addRuns(Connection c, LocalDate date, Runs r) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE job_run_rollup SET runs = runs + ?, seconds = seconds + ?,"
                + " last_outcome = CASE WHEN last_started_at > ? THEN last_outcome ELSE ? END,"
                + " last_started_at = CASE WHEN last_started_at > ? THEN last_started_at ELSE ? END WHERE digest_date = ?")) {
            ps.setInt(1, r.runs());
            ps.setDouble(2, r.seconds());
            ts(ps, 3, r.lastStartedAt());
            ps.setString(4, r.lastOutcome());
            ts(ps, 5, r.lastStartedAt());
            ts(ps, 6, r.lastStartedAt());
            ps.setObject(7, date);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_run_rollup (digest_date, runs, seconds, last_started_at,"
                    + " last_outcome) VALUES (?, ?, ?, ?, ?)")) {
                ps.setObject(1, date);
                ps.setInt(2, r.runs());
                ps.setDouble(3, r.seconds());
                ts(ps, 4, r.lastStartedAt());
                ps.setString(5, r.lastOutcome());
                ps.executeUpdate();
            }
        }
    }

    private static void ts(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setTimestamp(index, t == null ? null : Timestamp.from(t));
    }
}
