package org.paperboy.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.testing.Databases;

/**
 * A prune folds and deletes the outbox in transactions of whole dates, up to a number of rows each
 * (a year of a large list must not go through the journal at once). Here the batches are made of
 * two dates of three readers each: every date must be folded exactly once, whichever batch holds it.
 */
class PruneBatchesIT {

    @TempDir
    Path dir;
    private final long usual = Retention.rowsATransaction;

    @AfterEach
    void restore() {
        Retention.rowsATransaction = usual;
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void everyDateIsFoldedOnceWhateverTheBatches(String kind) {
        LocalDate first = LocalDate.of(2026, 1, 1);
        Instant now = first.plusDays(100).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2))) {
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscriber (email, email_key, status, created_at, consent_at,"
                        + " consent_source, consent_text_version) VALUES (?, ?, 'confirmed', ?, ?, 'import', 'v1')")) {
                    for (int r = 1; r <= 3; r++) {
                        ps.setString(1, "r" + r + "@x.test");
                        ps.setString(2, "r" + r + "@x.test");
                        ps.setTimestamp(3, Timestamp.from(now.minusSeconds(200 * 86_400L)));
                        ps.setTimestamp(4, Timestamp.from(now.minusSeconds(200 * 86_400L)));
                        ps.executeUpdate();
                    }
                }
                // seven dates, the rows of date d sent on its day: date d has d % 3 + 1 readers
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (digest_date, subscriber_id, kind, state, attempts,"
                        + " next_attempt_at, message_id, variant_key, created_at, sent_at)"
                        + " SELECT ?, id, 'daily', 'sent', 1, ?, ? || '.' || id, 'v', ?, ? FROM subscriber WHERE id <= ?")) {
                    for (int d = 0; d < 7; d++) {
                        Timestamp at = Timestamp.from(first.plusDays(d).atTime(8, 0).toInstant(ZoneOffset.UTC));
                        ps.setObject(1, first.plusDays(d));
                        ps.setTimestamp(2, at);
                        ps.setString(3, "m" + d);
                        ps.setTimestamp(4, at);
                        ps.setTimestamp(5, at);
                        ps.setLong(6, d % 3 + 1);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
            Retention.rowsATransaction = 3;
            Retention.Pruned pruned = new Retention(db, new RetentionConfig(60), ZoneOffset.UTC, Clock.fixed(now, ZoneOffset.UTC)).prune(false);

            assertThat(pruned.deliveries()).isEqualTo(1 + 2 + 3 + 1 + 2 + 3 + 1);
            long left = db.transaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM delivery")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(left).as("outbox rows left").isZero();
            Map<String, String> expected = new TreeMap<>();
            for (int d = 0; d < 7; d++) {
                expected.put(first.plusDays(d).toString(), String.valueOf(d % 3 + 1));
            }
            assertThat(rows(db, "SELECT digest_date, messages FROM delivery_rollup WHERE state = 'sent'"))
                    .as("each date's sent messages, folded once").isEqualTo(expected);
            assertThat(rows(db, "SELECT day, total FROM daily_rollup WHERE figure = 'sent'")).isEqualTo(expected);
        }
    }

    private static Map<String, String> rows(Database db, String sql) {
        return db.transaction(c -> {
            Map<String, String> out = new TreeMap<>();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getObject(1, LocalDate.class).toString(), String.valueOf(rs.getLong(2)));
                }
            }
            return out;
        });
    }
}
