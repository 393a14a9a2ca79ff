package org.paperboy.stats;

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
 * The statements {@code stats} and the admin page run on the outbox are served by an index on
 * both databases: messages sent per day, refusals, the digest dates of the window, a bounced
 * reader's last refusal, one reader's history.
 */
class QueryPlanIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void noStatisticScansTheOutbox(String kind) {
        Instant since = Instant.parse("2026-02-01T00:00:00Z");
        Map<String, Object[]> statements = new LinkedHashMap<>();
        statements.put(Growth.SENT, new Object[] {since});
        statements.put(Departures.REFUSALS, new Object[] {since});
        statements.put("SELECT s.confirmed_at, " + Departures.LAST_REFUSAL + " FROM subscriber s WHERE s.status = 'bounced'", new Object[] {});
        statements.put(Sends.GROUPS_SINCE, new Object[] {LocalDate.of(2026, 2, 1)});
        statements.put(Sends.PLANNED_LATE, new Object[] {since, LocalDate.of(2026, 2, 1)});
        statements.put(Sends.GROUPS_ON, new Object[] {LocalDate.of(2026, 1, 20)});
        statements.put(Stats.HISTORY + 50, new Object[] {7L});
        statements.put(Operations.QUEUE, new Object[] {LocalDate.of(2026, 2, 1)});
        try (Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2))) {
            Map<String, List<String>> scans = new LinkedHashMap<>();
            statements.forEach((sql, args) -> {
                List<String> found = QueryPlans.fullScans(db, "delivery", sql, args);
                if (!found.isEmpty()) {
                    scans.put(sql, found);
                }
            });
            assertThat(scans).as("statements reading the whole outbox, with the plan steps that do").isEmpty();
        }
    }
}
