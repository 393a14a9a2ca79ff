package org.paperboy.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.paperboy.ranking.Preferences;
import org.paperboy.store.Database;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.SubscriberStore;
import org.paperboy.subscribers.UnsubscribeReason;

/**
 * A small list with a week of history, written the way the application leaves it: readers joined
 * and left on known days, outbox rows in every state, one recorded run. Times are UTC.
 */
final class ListHistory {

    private final Database db;
    private final SubscriberStore store;

    ListHistory(Database db) {
        this.db = db;
        this.store = new SubscriberStore(db);
    }

    static Instant at(String dayAndTime) {
        return Instant.parse("2026-11-" + dayAndTime + "Z");
    }

    /** The week of 14 to 20 November; see StatsIT for what it adds up to. */
    ListHistory write() {
        long alice = reader("alice@example.org", Frequency.DAILY, "15T09:00:00");
        long bob = reader("bob@example.org", Frequency.WEEKLY, "10T09:00:00");
        long carol = reader("carol@example.org", Frequency.DAILY, "16T10:00:00");
        long dave = reader("dave@example.org", Frequency.DAILY, "01T10:00:00");
        long frank = reader("frank@example.org", Frequency.DAILY, "12T10:00:00");
        long gina = reader("gina@example.org", Frequency.DAILY, "02T10:00:00");
        store.subscribe("erin@example.org", Preferences.NONE, Frequency.DAILY, new Consent("web", null, null, "v1", at("19T07:00:00")), false);
        store.unsubscribe(carol, at("18T20:00:00"), UnsubscribeReason.USER);
        store.unsubscribe(frank, at("17T06:00:00"), UnsubscribeReason.COMPLAINT);
        delivery("19", alice, "sent", "19T08:00:00", "19T08:00:10", "250 accepted");
        delivery("19", bob, "sent", "19T08:00:00", "19T08:00:20", "250 accepted");
        delivery("19", dave, "failed", "19T08:00:00", null, "550 5.1.1 no such user");
        delivery("19", carol, "cancelled", "19T08:00:00", null, null);
        delivery("18", alice, "sent", "18T08:00:00", "18T08:01:40", "250 accepted");
        delivery("20", alice, "pending", "20T08:00:00", null, "451 try later");
        delivery("14", bob, "cancelled", "14T08:00:00", null, "expired: not delivered within delivery.maxAgeDays (3)");
        store.recordHardBounce(dave, 1);
        returnedHardBounce(gina, "16T13:00:00");
        sql("INSERT INTO job_run (digest_date, fire_time, node, started_at, finished_at, outcome, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
                LocalDate.parse("2026-11-19"), at("19T08:00:00"), "node-1", at("19T08:00:00"), at("19T08:00:30"), "incomplete",
                "sent 2, failed 1");
        return this;
    }

    private long reader(String email, Frequency frequency, String confirmedAt) {
        return store.subscribe(email, Preferences.of(List.of("rl"), List.of()), frequency,
                new Consent("cli", null, null, "v1", at(confirmedAt)), true).subscriber().id();
    }

    /** Gina's mailbox was closed: a hard bounce came back, as the bounce processing records it. */
    private void returnedHardBounce(long id, String at) {
        if (!hasTable(db, "bounce_event")) {
            sql("CREATE TABLE bounce_event (id BIGINT, mail_key VARCHAR(300) NOT NULL, recipient VARCHAR(254) NOT NULL,"
                    + " received_at TIMESTAMP WITH TIME ZONE NOT NULL, subscriber_id BIGINT, matched_by VARCHAR(12) NOT NULL,"
                    + " kind VARCHAR(12) NOT NULL, status_code VARCHAR(12), reason VARCHAR(32) NOT NULL, diagnostic VARCHAR(500) NOT NULL,"
                    + " original_message_id VARCHAR(250), action VARCHAR(16) NOT NULL)");
        }
        sql("INSERT INTO bounce_event (id, mail_key, recipient, received_at, subscriber_id, matched_by, kind, status_code, reason,"
                + " diagnostic, action) VALUES (1, 'm1', 'gina@example.org', ?, ?, 'verp', 'hard', '5.2.1', 'mailbox-disabled',"
                + " '550 5.2.1 mailbox disabled', 'recorded')", at(at), id);
        sql("UPDATE subscriber SET status = 'bounced' WHERE id = ?", id);
    }

    static boolean hasTable(Database db, String table) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    void delivery(String day, long subscriber, String state, String created, String sent, String reply) {
        Instant createdAt = at(created);
        // a failed row's next_attempt_at is when the server refused it (Claims.record)
        Instant next = state.equals("failed") ? createdAt.plusSeconds(5) : createdAt;
        sql("INSERT INTO delivery (digest_date, subscriber_id, kind, state, attempts, next_attempt_at, last_reply, message_id,"
                + " variant_key, created_at, sent_at) VALUES (?, ?, 'daily', ?, 1, ?, ?, ?, 'v', ?, ?)",
                LocalDate.parse("2026-11-" + day), subscriber, state, next, reply, day + "." + subscriber + "@paperboy.test",
                createdAt, sent == null ? null : at(sent));
    }

    void sql(String sql, Object... args) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    Object a = args[i];
                    if (a instanceof Instant t) {
                        ps.setTimestamp(i + 1, Timestamp.from(t));
                    } else {
                        ps.setObject(i + 1, a);
                    }
                }
                return ps.executeUpdate();
            }
        });
    }
}
