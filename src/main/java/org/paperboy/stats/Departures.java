package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * When readers left, and why: the one place that knows how departures are recorded.
 * Complaints are unsubscribes with {@code unsubscribe_reason = 'complaint'} (that column comes with
 * the consent migration; before it, no complaint can be told from other unsubscribes and none are
 * counted). Bounced readers carry no time of their own: each is dated by the last message the
 * server refused for good ({@code delivery.state = 'failed'}).
 */
final class Departures {

    /** A reader who left: when, and whether by a complaint. */
    record Left(Instant at, boolean complaint) {
    }

    private final boolean reasons;

    Departures(DataSource data) {
        this.reasons = Sql.hasColumn(data, "subscriber", "unsubscribe_reason");
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

    /** Readers marked bounced since the instant, each dated by their last refused message. */
    List<Instant> bounced(Connection c, Instant since) throws SQLException {
        List<Instant> all = Sql.list(c, "SELECT (SELECT MAX(d.next_attempt_at) FROM delivery d WHERE d.subscriber_id = s.id"
                + " AND d.state = 'failed') FROM subscriber s WHERE s.status = 'bounced'", rs -> Sql.instant(rs, 1));
        return all.stream().filter(t -> t != null && !t.isBefore(since)).toList();
    }

    /** Messages refused for good since the instant, each at the time of the refusal. */
    List<Instant> hardBounces(Connection c, Instant since) throws SQLException {
        return Sql.list(c, "SELECT next_attempt_at FROM delivery WHERE state = 'failed' AND next_attempt_at >= ?",
                rs -> Sql.instant(rs, 1), since);
    }
}
