package org.paperboy.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.retention.Retention;
import org.paperboy.retention.RetentionConfig;
import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.testing.Databases;

/**
 * Retention folds old outbox rows, bounce events and job runs into the roll-ups and deletes them;
 * {@code stats} and the admin page (both read {@link Stats#report}) show the same Report before and
 * after, on SQLite and PostgreSQL, and in a time zone whose days are not UTC's.
 */
class RetentionIT {

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aPruneChangesNoFigureOfTheReport(String kind) {
        db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2));
        ListHistory history = new ListHistory(db).write();
        long alice = id("alice@example.org");
        // more history: a refusal of a reader still confirmed, returned mail not proven ours, variants, thirteen runs
        history.delivery("17", alice, "failed", "17T08:00:00", null, "550 5.7.1 refused");
        history.delivery("16", alice, "sent", "16T23:30:00", "16T23:59:00", "250 accepted");
        history.sql("INSERT INTO bounce_event (id, mail_key, recipient, received_at, subscriber_id, matched_by, kind, status_code, reason,"
                + " diagnostic, action) VALUES (2, 'm2', 'alice@example.org', ?, ?, 'unverified', 'soft', '4.2.2', 'mailbox-full',"
                + " '452 full', 'none')", ListHistory.at("18T22:30:00"), alice);
        history.sql("INSERT INTO bounce_event (id, mail_key, recipient, received_at, subscriber_id, matched_by, kind, status_code, reason,"
                + " diagnostic, action) VALUES (3, 'm3', 'stranger@example.net', ?, NULL, 'unmatched', 'hard', '5.1.1', 'user-unknown',"
                + " '550 unknown', 'none')", ListHistory.at("19T01:00:00"));
        // and 3,000 reports naming no one we know, with long diagnostics: pages for the file to give back
        history.sql("INSERT INTO bounce_event (id, mail_key, recipient, received_at, subscriber_id, matched_by, kind, status_code, reason,"
                + " diagnostic, action) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                + " SELECT 100 + i, 'bulk-' || i, 'nobody@example.net', ?, NULL, 'unmatched', 'hard', '5.1.1', 'user-unknown', ?, 'none'"
                + " FROM n", ListHistory.at("15T12:00:00"), "550 5.1.1 ".repeat(49));
        for (String day : new String[] {"18", "19"}) {
            history.sql("INSERT INTO delivery_variant (digest_date, variant_key, paper_ids) VALUES (?, 'v', 'p1,p2')",
                    LocalDate.parse("2026-11-" + day));
        }
        for (int i = 1; i <= 13; i++) {
            String day = String.format("%02d", i);
            history.sql("INSERT INTO job_run (digest_date, fire_time, node, started_at, finished_at, outcome, summary)"
                    + " VALUES (?, ?, 'node-1', ?, ?, ?, 'sent 2')", LocalDate.parse("2026-11-" + day), ListHistory.at(day + "T07:00:00"),
                    ListHistory.at(day + "T07:00:00"), ListHistory.at(day + "T07:00:00").plusSeconds(20 + i), i % 4 == 0 ? "incomplete" : "ok");
        }
        // 75 days on: everything above is older than 60 days; days counted in New York (the 16th's 23:30 UTC is the 16th there too)
        ZoneId zone = ZoneId.of("America/New_York");
        Clock later = Clock.fixed(ListHistory.at("20T12:00:00").plus(Duration.ofDays(75)), ZoneOffset.UTC);
        Stats stats = new Stats(db, zone, later);
        Report year = stats.report(366);
        Report quarter = stats.report(90);
        Retention retention = new Retention(db, new RetentionConfig(60), zone, later);

        long pagesBefore = kind.equals(Databases.SQLITE) ? count("PRAGMA page_count") : 0;
        Retention.Pruned dry = retention.prune(true);
        assertThat(count("SELECT COUNT(*) FROM delivery")).as("a dry run deletes nothing").isEqualTo(9);
        Retention.Pruned pruned = retention.prune(false);

        assertThat(pruned).isEqualTo(new Retention.Pruned(dry.cutoff(), dry.deliveries(), dry.variants(), dry.bounceEvents(),
                dry.jobRuns(), false));
        // kept: alice's pending row and the refusal that dates dave's bounce; gone: the other seven
        assertThat(pruned.deliveries()).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM delivery WHERE state = 'pending'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM delivery WHERE state = 'failed'")).isEqualTo(1);
        assertThat(pruned.variants()).as("the 18th's variant: no row points at it any more").isEqualTo(1);
        assertThat(pruned.bounceEvents()).as("all but gina's, which dates her bounce: %s",
                rows("SELECT id, subscriber_id, kind, received_at FROM bounce_event WHERE id < 100")).isEqualTo(3002);
        assertThat(pruned.jobRuns()).as("all but the ten latest").isEqualTo(4);
        assertThat(stats.report(366)).as("a year's report").isEqualTo(year);
        assertThat(stats.report(90)).as("a quarter's report").isEqualTo(quarter);
        assertThat(year.sends()).as("the sends are still listed").isNotEmpty();
        assertThat(year.returned()).isEqualTo(new Returned(1, 1, 3001));

        if (kind.equals(Databases.SQLITE)) {
            assertThat(count("PRAGMA auto_vacuum")).as("a new file is in incremental auto-vacuum mode").isEqualTo(2);
            assertThat(count("PRAGMA freelist_count")).as("pages freed by the prune given back to the file system").isZero();
            assertThat(count("PRAGMA page_count")).as("the file shrank by the 1.5 MB of reports, at least").isLessThan(pagesBefore - 300);
        }
        assertThat(retention.prune(false).deliveries()).as("a second prune finds nothing").isZero();
        assertThat(stats.report(366)).isEqualTo(year);
    }

    private String rows(String sql) {
        return db.transaction(c -> {
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        out.append(rs.getString(i)).append(' ');
                    }
                    out.append("; ");
                }
            }
            return out.toString();
        });
    }

    private long id(String email) {
        return count("SELECT id FROM subscriber WHERE email = '" + email + "'");
    }

    private long count(String sql) {
        return db.transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
