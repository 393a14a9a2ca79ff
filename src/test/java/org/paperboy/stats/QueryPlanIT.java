package org.paperboy.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
 * reader's last refusal, one reader's history. Those on the readers read only the window's rows
 * (V18): never every reader of a status, as they did when the dashboard took 6 s at a million readers.
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

    /**
     * SQLite: a step reading the readers (or earlier subscriptions) whole, or all readers of a
     * status; reading the partial index of those who left at no known time reads only them.
     */
    private static final Pattern SQLITE_WHOLE = Pattern.compile("^(SCAN (subscriber|s|past_subscription)\\b"
            + "(?! USING (COVERING )?INDEX subscriber_left_unknown_idx)"
            + "|SEARCH (subscriber|s) USING (COVERING )?INDEX \\S+ \\(status=\\?\\)$)");
    /** PostgreSQL: a sequential scan of them, or an index read by status alone. */
    private static final Pattern PG_WHOLE = Pattern.compile("Seq Scan on (subscriber|past_subscription)\\b"
            + "|(Index|Recheck) Cond: \\(\\(status\\)::text = '\\w+'::text\\)$");

    /**
     * On 20,000 readers over three years, their statistics gathered (ANALYZE, as a send does), each
     * statement of the growth on the readers reads a range of the window's rows from an index.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void theGrowthReadsOnlyTheWindowsReaders(String kind) {
        Instant since = Instant.parse("2026-11-08T00:00:00Z");
        Map<String, Object[]> statements = new LinkedHashMap<>();
        statements.put(Growth.JOINED_DAY, new Object[] {since, since.plus(Duration.ofDays(1))});
        statements.put(Growth.JOINED_SINCE, new Object[] {since});
        statements.put("SELECT confirmed_at FROM subscriber WHERE id IN (" + Departures.UNSUBSCRIBED_SINCE + ")", new Object[] {since, since});
        statements.put("SELECT s.confirmed_at, " + Departures.LAST_REFUSAL + " FROM subscriber s WHERE s.status = 'bounced' AND s.id IN ("
                + Departures.BOUNCED_SINCE + " UNION " + Departures.RETURNED_SINCE + ")", new Object[] {since, since, since, since});
        statements.put(Departures.COMPLAINTS, new Object[] {since});
        statements.put(Departures.PAST_SINCE, new Object[] {since, since});
        try (Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2))) {
            readers(db, 20_000, since.minus(Duration.ofDays(1065)), since.plus(Duration.ofDays(30)));
            Map<String, List<String>> whole = new LinkedHashMap<>();
            statements.forEach((sql, args) -> {
                List<String> plan = QueryPlans.plan(db, sql, args);
                List<String> found = plan.stream().map(String::strip)
                        .filter(step -> (db.isPostgres() ? PG_WHOLE : SQLITE_WHOLE).matcher(step).find()).toList();
                if (!found.isEmpty()) {
                    whole.put(sql, plan);
                }
            });
            assertThat(whole).as("statements reading every reader of a status, with their plans").isEmpty();
            // the readers by status and frequency: counted from an index, on SQLite without reading a row
            if (!db.isPostgres()) {
                assertThat(QueryPlans.plan(db, Stats.READERS)).containsExactly("SCAN subscriber USING COVERING INDEX subscriber_frequency_idx");
            }
        }
    }

    /** Readers as the admin benchmark makes them: 85% confirmed, 5% pending, 7% unsubscribed, 3% bounced, joined evenly over the span. */
    private static void readers(Database db, int n, Instant first, Instant last) {
        long step = Duration.between(first, last).toMillis() / n;
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscriber (email, email_key, status, frequency, created_at,"
                    + " confirmed_at, unsubscribed_at, unsubscribe_reason, hard_bounces, consent_source, consent_text_version, consent_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'web', 'v1', ?)")) {
                for (int i = 1; i <= n; i++) {
                    String status = i % 100 < 85 ? "confirmed" : i % 100 < 90 ? "pending" : i % 100 < 97 ? "unsubscribed" : "bounced";
                    Timestamp created = Timestamp.from(first.plusMillis(i * step));
                    Timestamp confirmed = status.equals("pending") ? null : Timestamp.from(created.toInstant().plusSeconds(60));
                    boolean left = status.equals("unsubscribed");
                    ps.setString(1, "reader" + i + "@example.org");
                    ps.setString(2, "reader" + i + "@example.org");
                    ps.setString(3, status);
                    ps.setString(4, i % 5 == 0 ? "weekly" : "daily");
                    ps.setTimestamp(5, created);
                    ps.setTimestamp(6, confirmed);
                    ps.setTimestamp(7, left ? Timestamp.from(created.toInstant().plusSeconds(86_400)) : null);
                    ps.setString(8, left ? (i % 10 == 3 ? "complaint" : "user") : null);
                    ps.setTimestamp(9, created);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE subscriber");
            }
            return null;
        });
    }
}
