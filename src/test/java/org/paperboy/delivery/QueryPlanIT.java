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
        statements.put(Outbox.HISTORY.formatted(two), new Object[] {day, day.minusDays(30), 1L, 2L});
        statements.put(Outbox.EXPIRING, new Object[] {day.minusDays(7)});
        statements.put(Outbox.EXPIRE, new Object[] {"expired", day.minusDays(7)});
        statements.put(Outbox.COUNTS, new Object[] {day});
        statements.put(Outbox.DATES_WITH_WORK, new Object[] {day.minusDays(7)});
        statements.put(Outbox.NEXT_DUE, new Object[] {day});
        try (Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2))) {
            // the claim as each database runs it: PostgreSQL's UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED)
            String claim = (db.isPostgres() ? Claims.CLAIM_POSTGRES : Claims.CLAIM_SQLITE).formatted(100);
            statements.put(claim, new Object[] {"node:1:run", now, day, now});
            Map<String, List<String>> scans = new LinkedHashMap<>();
            statements.forEach((sql, args) -> {
                List<String> found = QueryPlans.fullScans(db, "delivery", sql, args);
                if (!found.isEmpty()) {
                    scans.put(sql, found);
                }
            });
            assertThat(scans).as("statements reading the whole outbox, with the plan steps that do").isEmpty();
            // the test can fail: a statement no index serves is reported
            assertThat(QueryPlans.fullScans(db, "delivery", "SELECT COUNT(*) FROM delivery WHERE last_reply = ?", "x")).isNotEmpty();
        }
    }
}
