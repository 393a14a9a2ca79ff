package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * When readers left, and why: the one place that knows how departures are recorded.
 * Complaints are unsubscribes with {@code subscriber.unsubscribe_reason = 'complaint'} (V6; on a
 * database without that column no complaint can be told from other unsubscribes, and the report
 * says complaints are not tracked). Bounced readers carry no time of their own: each is dated by the last message the
 * server refused for good ({@code delivery.state = 'failed'}) or, where the bounce processing's
 * {@code bounce_event} table exists, the last bounce that came back to us, whichever is later.
 * A hard bounce is either: a 5xx at sending time, or a hard {@code bounce_event}.
 */
final class Departures {

    /** A reader who left: when, and whether by a complaint. */
    record Left(Instant at, boolean complaint) {
    }

    private final boolean reasons;
    private final boolean events;

    Departures(DataSource data) {
        this.reasons = Sql.hasColumn(data, "subscriber", "unsubscribe_reason");
        this.events = Sql.hasColumn(data, "bounce_event", "kind");
    }

    boolean complaintsTracked() {
        return reasons;
    }

    /** Confirmed readers who unsubscribed since the instant, complaints marked. */
    List<Left> unsubscribed(Connection c, Instant since) throws SQLException {
        String complaint = reasons ? "CASE WHEN unsubscribe_reason = 'complaint' THEN 1 ELSE 0 END" : "0";
        return Sql.list(c, "SELECT unsubscribed_at, " + complaint + " FROM subscriber WHERE status = 'unsubscribed'"
                + " AND confirmed_at IS NOT NULL AND unsubscribed_at >= ?", rs -> new Left(Sql.instant(rs, 1), rs.getInt(2) == 1), since);
    }

    /** Complaints received since the instant. */
    long complaints(Connection c, Instant since) throws SQLException {
        return reasons ? Sql.count(c, "SELECT COUNT(*) FROM subscriber WHERE status = 'unsubscribed'"
                + " AND unsubscribe_reason = 'complaint' AND unsubscribed_at >= ?", since) : 0;
    }

    /** Confirmed readers marked bounced since the instant, each dated by their last bounce. */
    List<Instant> bounced(Connection c, Instant since) throws SQLException {
        String returned = events ? "(SELECT MAX(e.received_at) FROM bounce_event e WHERE e.subscriber_id = s.id"
                + " AND e.kind IN ('hard', 'soft'))" : "NULL";
        List<Instant> all = Sql.list(c, "SELECT (SELECT MAX(d.next_attempt_at) FROM delivery d WHERE d.subscriber_id = s.id"
                + " AND d.state = 'failed'), " + returned + " FROM subscriber s WHERE s.status = 'bounced' AND s.confirmed_at IS NOT NULL",
                rs -> later(Sql.instant(rs, 1), Sql.instant(rs, 2)));
        return all.stream().filter(t -> t != null && !t.isBefore(since)).toList();
    }

    /** Hard bounces since the instant, each at its time: refusals while sending, and hard bounces that came back. */
    List<Instant> hardBounces(Connection c, Instant since) throws SQLException {
        List<Instant> all = new ArrayList<>(Sql.list(c, "SELECT next_attempt_at FROM delivery WHERE state = 'failed' AND next_attempt_at >= ?",
                rs -> Sql.instant(rs, 1), since));
        if (events) {
            all.addAll(Sql.list(c, "SELECT received_at FROM bounce_event WHERE kind = 'hard'"
                    + " AND subscriber_id IS NOT NULL AND received_at >= ?",
                    rs -> Sql.instant(rs, 1), since));
        }
        return all;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
