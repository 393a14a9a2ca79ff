package org.paperboy.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pages of a table, newest (highest id) first, walked by keyset: the next page is the rows below
 * the last id shown, the previous one the rows above the first, so a page deep in a list of a
 * million costs what the first does (an OFFSET would read every row before it).
 */
final class Keyset {

    /** The largest page the admin pages show. */
    static final int MAX_SIZE = 500;

    /** Reads one row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * One page: its rows, and the ids the links to the next (older) and previous (newer) page carry,
     * null where there is no such page.
     */
    record Page<T>(List<T> rows, Long next, Long previous) {
    }

    /** Where a page starts: below {@code after}, above {@code before}, or at the top when both are null. */
    record Position(Long after, Long before, int size) {
        Position {
            if (size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException("a page holds 1 to " + MAX_SIZE + " rows, not " + size);
            }
        }

        static Position top(int size) {
            return new Position(null, null, size);
        }
    }

    private Keyset() {
    }

    /** A page's statement and the values of its parameters. */
    record Query(String sql, List<Object> values) {
    }

    /**
     * @param select the SELECT ... FROM part, its first column the id
     * @param where  conditions joined with AND (none: empty), their values in {@code args}
     */
    static Query query(String select, List<String> where, List<Object> args, Position at) {
        List<String> conditions = new ArrayList<>(where);
        List<Object> values = new ArrayList<>(args);
        boolean backwards = at.before() != null;
        if (backwards) {
            conditions.add("id > ?");
            values.add(at.before());
        } else if (at.after() != null) {
            conditions.add("id < ?");
            values.add(at.after());
        }
        return new Query(select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY id " + (backwards ? "ASC" : "DESC") + " LIMIT " + (at.size() + 1), values);
    }

    static <T> Page<T> page(Connection c, String select, List<String> where, List<Object> args, Position at,
                            Row<T> row, java.util.function.ToLongFunction<T> idOf) throws SQLException {
        Query query = query(select, where, args, at);
        boolean backwards = at.before() != null;
        String sql = query.sql();
        List<Object> values = query.values();
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
        }
        boolean more = rows.size() > at.size();
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        if (rows.isEmpty()) {
            return new Page<>(rows, null, null);
        }
        Long first = idOf.applyAsLong(rows.get(0));
        Long last = idOf.applyAsLong(rows.get(rows.size() - 1));
        Long next = backwards || more ? last : null;
        Long previous = backwards ? (more ? first : null) : at.after() != null ? first : null;
        return new Page<>(rows, next, previous);
    }
}
