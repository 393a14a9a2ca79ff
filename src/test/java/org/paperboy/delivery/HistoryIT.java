package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.testing.Databases;

/**
 * The papers a plan leaves out, read through {@link History}, are exactly those of the messages
 * each reader was sent in the {@code delivery.historyDays} days before the date: not those of
 * messages that failed, were cancelled or are still pending, not those of older days, and only for
 * the readers asked about (a chunk of readers, with others between them). On both databases, over
 * an outbox of random days, variants and outcomes, against the answer worked out from what was stored.
 */
class HistoryIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void theHistoryIsWhatEachReaderWasSentInTheDaysBefore(String kind) throws Exception {
        LocalDate date = LocalDate.of(2026, 3, 2);
        int historyDays = 10;
        Instant now = Instant.parse("2026-03-02T06:00:00Z");
        Random random = new Random(20);
        try (Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2))) {
            List<Long> readers = readers(db, 40, now);
            Outbox outbox = new Outbox(db);
            Map<Long, Set<String>> expected = new HashMap<>();
            for (int back = historyDays + 3; back >= 0; back--) {
                LocalDate day = date.minusDays(back);
                Map<String, List<String>> variants = new HashMap<>();
                List<Outbox.Planned> rows = new ArrayList<>();
                Map<Long, String> keyOf = new HashMap<>();
                for (long reader : readers) {
                    String key = "v" + (reader % 5) + "-" + back;
                    variants.computeIfAbsent(key, k -> papers(random));
                    keyOf.put(reader, key);
                    rows.add(new Outbox.Planned(reader, "daily", back + "." + reader + "@paperboy.test", key));
                }
                outbox.insert(day, rows, variants, now);
                for (long reader : readers) {
                    String state = List.of("sent", "sent", "sent", "failed", "cancelled", "pending").get(random.nextInt(6));
                    setState(db, day, reader, state);
                    if (state.equals("sent") && back >= 1 && back <= historyDays) {
                        expected.computeIfAbsent(reader, k -> new HashSet<>()).addAll(variants.get(keyOf.get(reader)));
                    }
                }
            }
            History history = new History(outbox, date, historyDays);
            // two chunks, each of every other reader: the readers between them are not asked about
            List<Long> first = new ArrayList<>();
            List<Long> second = new ArrayList<>();
            for (int i = 0; i < readers.size(); i++) {
                (i < readers.size() / 2 ? first : second).add(i % 2 == 0 ? readers.get(i) : null);
            }
            first.removeIf(java.util.Objects::isNull);
            second.removeIf(java.util.Objects::isNull);
            Map<Long, Set<String>> found = new HashMap<>(history.of(first));
            found.putAll(history.of(second));

            Map<Long, Set<String>> asked = new HashMap<>(expected);
            asked.keySet().retainAll(new HashSet<>(first) {{ addAll(second); }});
            assertThat(found).isEqualTo(asked);
            assertThat(asked).as("the data has readers with a history, and readers without").isNotEmpty().hasSizeLessThan(readers.size());
        }
    }

    private static List<String> papers(Random random) {
        Set<String> ids = new HashSet<>();
        while (ids.size() < 5) {
            ids.add("2603." + String.format("%05d", random.nextInt(60)));
        }
        return List.copyOf(ids);
    }

    private static void setState(Database db, LocalDate day, long reader, String state) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = ? WHERE digest_date = ? AND subscriber_id = ?")) {
                ps.setString(1, state);
                ps.setObject(2, day);
                ps.setLong(3, reader);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static List<Long> readers(Database db, int n, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscriber (email, email_key, status, created_at, consent_at,"
                    + " consent_source, consent_text_version) VALUES (?, ?, 'confirmed', ?, ?, 'import', 'v1')")) {
                for (int i = 0; i < n; i++) {
                    ps.setString(1, "r" + i + "@readers.test");
                    ps.setString(2, "r" + i + "@readers.test");
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<Long> ids = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM subscriber ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }
}
