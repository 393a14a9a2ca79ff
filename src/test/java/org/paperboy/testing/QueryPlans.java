package org.paperboy.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.store.Database;

/**
 * Reads the plan a database makes for a statement and finds where it reads a table whole:
 * SQLite's {@code EXPLAIN QUERY PLAN} saying {@code SCAN} of it (of the table or of an index, in
 * full); PostgreSQL's {@code EXPLAIN} with sequential scans made as dear as they can be
 * ({@code enable_seqscan = off}: a {@code Seq Scan} is left only where no index can serve), or an
 * index read without a condition on a full index. An empty table is enough: the question is
 * whether an index can serve the statement, not which plan wins on some data.
 */
public final class QueryPlans {

    private static final Pattern PG_SCAN = Pattern.compile("(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: Backward)?"
            + "(?: using (\\S+))? on (\\S+)");

    private QueryPlans() {
    }

    /** The plan, one line per step. */
    public static List<String> plan(Database db, String sql, Object... args) {
        return db.transaction(c -> {
            List<String> lines = new ArrayList<>();
            if (db.isPostgres()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL enable_seqscan = off");
                }
            }
            try (PreparedStatement ps = c.prepareStatement((db.isPostgres() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql)) {
                for (int i = 0; i < args.length; i++) {
                    bind(ps, i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(db.isPostgres() ? 1 : 4));
                    }
                }
            }
            c.rollback();
            return lines;
        });
    }

    /** The steps of the plan that read the table (or a view of it under an alias) whole. */
    public static List<String> fullScans(Database db, String table, String sql, Object... args) {
        List<String> plan = plan(db, sql, args);
        List<String> scans = new ArrayList<>();
        if (!db.isPostgres()) {
            Set<String> names = aliases(sql, table);
            Set<String> partial = partialIndexes(db, table);
            for (String step : plan) {
                Matcher m = Pattern.compile("^SCAN (\\S+)(?: USING (?:COVERING )?INDEX (\\S+))?").matcher(step.strip());
                // reading a partial index whole reads only the rows it holds (those being sent, say)
                if (m.find() && names.contains(m.group(1)) && (m.group(2) == null || !partial.contains(m.group(2)))) {
                    scans.add(step);
                }
            }
            return scans;
        }
        Set<String> partial = partialIndexes(db, table);
        for (int i = 0; i < plan.size(); i++) {
            Matcher m = PG_SCAN.matcher(plan.get(i));
            if (!m.find() || !m.group(3).equals(table)) {
                continue;
            }
            if (m.group(1).equals("Seq Scan")) {
                scans.add(plan.get(i).strip());
                continue;
            }
            boolean conditioned = false;
            for (int j = i + 1; j < plan.size() && !plan.get(j).contains("->"); j++) {
                conditioned |= plan.get(j).contains("Index Cond") || plan.get(j).contains("Recheck Cond");
            }
            if (!conditioned && (m.group(2) == null || !partial.contains(m.group(2)))) {
                scans.add(plan.get(i).strip() + " (no condition on a full index)");
            }
        }
        return scans;
    }

    /** The table's name and the aliases the statement gives it ({@code FROM delivery d}). */
    private static Set<String> aliases(String sql, String table) {
        Set<String> names = new HashSet<>(Set.of(table));
        Matcher m = Pattern.compile("\\b" + table + "\\s+(?:AS\\s+)?([a-z]\\w*)", Pattern.CASE_INSENSITIVE).matcher(sql);
        while (m.find()) {
            String alias = m.group(1).toUpperCase();
            if (!Set.of("WHERE", "SET", "JOIN", "ON", "GROUP", "ORDER", "LIMIT", "VALUES").contains(alias)) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static Set<String> partialIndexes(Database db, String table) {
        return db.transaction(c -> {
            Set<String> names = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(db.isPostgres()
                    ? "SELECT indexname FROM pg_indexes WHERE tablename = ? AND schemaname = current_schema() AND indexdef LIKE '% WHERE %'"
                    : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql LIKE '% WHERE %'")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
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
}
