package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.testing.Databases;
import org.paperboy.testing.QueryPlans;

/**
 * Every statement a send runs on the outbox (claim, the claimed rows, recording outcomes, the
 * heartbeat, the release of a sender's claims and of abandoned ones, expiry, the history a plan
 * leaves out, the counts) is served by an index on both databases: none reads the whole
 * {@code delivery} table, which holds every day's rows of the retention period.
 */
class QueryPlanIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void noHotStatementScansTheOutbox(String kind) {
        LocalDate day = LocalDate.of(2026, 3, 2);
        Instant now = Instant.parse("2026-03-02T06:00:00Z");
        String two = "?,?";
        Map<String, Object[]> statements = new LinkedHashMap<>();
        statements.put(Claims.PICK + 100, new Object[] {day, now});
        statements.put(Claims.CLAIMED_ROWS.formatted(two), new Object[] {day, 1L, 2L});
        statements.put(Claims.RECORD_SENT.formatted(two), new Object[] {now, "node:1:run", day, 1L, 2L});
        statements.put(Claims.RECORD_OTHER, new Object[] {"pending", 1, now, "451 try later", "node:1:run", day, 1L});
        statements.put(Claims.HEARTBEAT, new Object[] {now, "node:1:run"});
        statements.put(Claims.RELEASE, new Object[] {"node:1:run"});
        statements.put(Claims.HOLDERS, new Object[] {});
        statements.put(Outbox.PLANNED, new Object[] {day});
        statements.put(Outbox.COUNTS, new Object[] {day});
        statements.put(Outbox.DATES_WITH_WORK, new Object[] {day.minusDays(7)});
        statements.put(Outbox.NEXT_DUE, new Object[] {day});
        try (Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2))) {
            // the claim as each database runs it: PostgreSQL's UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED)
            String claim = (db.isPostgres() ? Claims.CLAIM_POSTGRES : Claims.CLAIM_SQLITE).formatted(100);
            statements.put(claim, new Object[] {"node:1:run", now, day, now});
            statements.put(Outbox.history(db.dialect()), new Object[] {day.minusDays(1), 1L, 2L});
            statements.put(Outbox.expiring(db.dialect()), new Object[] {day.minusDays(7)});
            statements.put(Outbox.expire(db.dialect()), new Object[] {"expired", day.minusDays(7)});
            Map<String, List<String>> scans = new LinkedHashMap<>();
            statements.forEach((sql, args) -> {
                List<String> found = QueryPlans.fullScans(db, "delivery", sql, args);
                if (!found.isEmpty()) {
                    scans.put(sql, found);
                }
            });
            assertThat(scans).as("statements reading the whole outbox, with the plan steps that do").isEmpty();
            assertThat(QueryPlans.fullScans(db, "delivery_variant", Outbox.VARIANT_PAPERS.formatted(two), day, "a", "b"))
                    .as("a variant's papers are read by its key").isEmpty();
            // the test can fail: a statement no index serves is reported
            assertThat(QueryPlans.fullScans(db, "delivery", "SELECT COUNT(*) FROM delivery WHERE last_reply = ?", "x")).isNotEmpty();
        }
    }

    /**
     * The history a plan leaves out is read from the covering index of sent rows alone (V16): by
     * (day, reader), never visiting the table, whose rows of one reader lie a day's worth of rows apart.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void theHistoryIsReadFromTheCoveringIndexAlone(String kind) throws java.sql.SQLException {
        LocalDate day = LocalDate.of(2026, 3, 2);
        // a chunk of the list: a tenth of its readers
        Object[] args = {day.minusDays(1), 1L, 200L};
        try (Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2))) {
            String history = Outbox.history(db.dialect());
            if (db.isPostgres()) {
                sixtyDaysSent(db);
            }
            List<String> plan = QueryPlans.plan(db, history, args);
            String steps = String.join("\n", plan);
            if (db.isPostgres()) {
                assertThat(steps).as("the plan of " + history).contains("Index Only Scan using delivery_sent_idx on delivery");
            } else {
                assertThat(steps).as("the plan of " + history).contains("USING COVERING INDEX delivery_sent_idx");
            }
        }
    }

    /**
     * Expiry (before each plan) reads the pending rows alone, through V19's partial index: with
     * delivery_claim_idx it ranged over every row of every earlier date, a year of sent rows.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void expiryReadsThePendingRowsAlone(String kind) throws java.sql.SQLException {
        LocalDate oldest = LocalDate.of(2026, 2, 23);
        try (Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2))) {
            if (db.isPostgres()) {
                sixtyDaysSent(db);
            }
            for (String sql : List.of(Outbox.expiring(db.dialect()), Outbox.expire(db.dialect()))) {
                Object[] args = sql.startsWith("UPDATE") ? new Object[] {"expired", oldest} : new Object[] {oldest};
                assertThat(String.join("\n", QueryPlans.plan(db, sql, args))).as("the plan of " + sql).contains("delivery_pending_idx");
            }
        }
    }

    /**
     * PostgreSQL picks by statistics: an outbox of 60 days of 2,000 readers, all sent, analysed, and
     * the visibility map an index-only scan needs (what autovacuum keeps on a real outbox).
     */
    private static void sixtyDaysSent(Database db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("INSERT INTO subscriber (email, email_key, status, created_at, consent_at, consent_source,"
                    + " consent_text_version)"
                    + " SELECT 'r' || g || '@x.test', 'r' || g || '@x.test', 'confirmed', now(), now(), 'import', 'v1'"
                    + " FROM generate_series(1, 2000) g");
            s.execute("INSERT INTO delivery (digest_date, subscriber_id, kind, state, attempts, next_attempt_at, message_id,"
                    + " variant_key, created_at, sent_at) SELECT DATE '2026-03-02' - d, s.id, 'daily', 'sent', 1, now(),"
                    + " d || '.' || s.id || '@x.test', 'v' || (s.id % 50), now(), now() FROM subscriber s, generate_series(1, 60) d");
            s.execute("VACUUM ANALYZE delivery");
            allVisible(s);
        }
    }

    /**
     * Waits until VACUUM has marked every page of the outbox all-visible, as autovacuum leaves a real
     * one. It cannot while another transaction of the database (an autovacuum worker's ANALYZE of the
     * tables just filled, a test before this one) still holds a snapshot older than the rows, and the
     * planner then prices the index-only scan as the table visits it would need.
     */
    private static void allVisible(java.sql.Statement s) throws java.sql.SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        String pages = "SELECT relpages, relallvisible FROM pg_class WHERE oid = 'delivery'::regclass";
        while (true) {
            try (java.sql.ResultSet r = s.executeQuery(pages)) {
                r.next();
                if (r.getInt(1) > 0 && r.getInt(2) >= r.getInt(1)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("VACUUM left " + r.getInt(2) + " of " + r.getInt(1)
                            + " pages of delivery all-visible for 120 s: a transaction of the test database keeps an old snapshot");
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for VACUUM", e);
            }
            s.execute("VACUUM ANALYZE delivery");
        }
    }
}
