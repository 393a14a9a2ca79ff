package org.paperboy.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small read helpers: statements bound from plain values, rows mapped by a function. */
final class Sql {

    /** Maps one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        List<Long> n = list(c, sql, rs -> rs.getLong(1), args);
        return n.isEmpty() ? 0 : n.get(0);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Instant i) {
            ps.setTimestamp(index, Timestamp.from(i));
        } else if (value instanceof LocalDate d) {
            ps.setObject(index, d);
        } else {
            ps.setObject(index, value);
        }
    }

    /**
     * Whether the table has the column. Asked on a connection of its own: on PostgreSQL a failed
     * statement would spoil the transaction it ran in.
     */
    static boolean hasColumn(javax.sql.DataSource data, String table, String column) {
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + " FROM " + table + " WHERE 1 = 0")) {
            ps.executeQuery().close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
