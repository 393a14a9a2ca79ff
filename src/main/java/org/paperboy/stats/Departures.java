package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * When readers left, and why: the one place that knows how departures are recorded. A departure is
 * the end of a confirmed subscription: the current one of an unsubscribed or bounced subscriber row,
 * or one kept in {@code past_subscription} (V11) when the reader came back. Complaints are
 * unsubscribes with reason {@code complaint} (V6; on a database without that column no complaint
 * can be told from other unsubscribes, and the report says complaints are not tracked). Bounced
 * readers carry no time of their own: each is dated by the last message the server refused for
 * good ({@code delivery.state = 'failed'}) or, where the bounce processing's {@code bounce_event}
 * table exists, the last bounce that came back to us, whichever is later; with neither, by their
 * unsubscribe time or else their confirmation. A hard bounce is either: a 5xx at sending time, or a
 * hard {@code bounce_event}.
 */
final class Departures {

    /** How a subscription ended. */
    enum How { UNSUBSCRIBED, COMPLAINED, BOUNCED }

    /** A confirmed subscription that ended: when it was confirmed, when and how it ended. */
    record Ended(Instant joined, Instant left, How how) {
    }

    /* The statements on the outbox, here so that QueryPlanIT reads the plan of exactly these. */
    static final String LAST_REFUSAL = "(SELECT MAX(d.next_attempt_at) FROM delivery d WHERE d.subscriber_id = s.id AND d.state = 'failed')";
    static final String REFUSALS = "SELECT next_attempt_at FROM delivery WHERE state = 'failed' AND next_attempt_at >= ?";

    private final boolean reasons;
    private final boolean events;
    private final boolean past;

    Departures(DataSource data) {
        this.reasons = Sql.hasColumn(data, "subscriber", "unsubscribe_reason");
        this.events = Sql.hasColumn(data, "bounce_event", "kind");
        this.past = Sql.hasColumn(data, "past_subscription", "left_at");
    }

    boolean complaintsTracked() {
        return reasons;
    }

    /**
     * Every confirmed subscription that ended and may touch the window: confirmed or ended since the
     * instant (bounced readers are all read, their end being worked out here).
     */
    List<Ended> ended(Connection c, Instant since) throws SQLException {
        String complaint = reasons ? "CASE WHEN unsubscribe_reason = 'complaint' THEN 1 ELSE 0 END" : "0";
        List<Ended> all = new ArrayList<>(Sql.list(c, "SELECT confirmed_at, unsubscribed_at, " + complaint + " FROM subscriber"
                + " WHERE status = 'unsubscribed' AND confirmed_at IS NOT NULL"
                + " AND (unsubscribed_at IS NULL OR unsubscribed_at >= ? OR confirmed_at >= ?)",
                rs -> new Ended(Sql.instant(rs, 1), Sql.instant(rs, 2), rs.getInt(3) == 1 ? How.COMPLAINED : How.UNSUBSCRIBED),
                since, since));
        String returned = events ? "(SELECT MAX(e.received_at) FROM bounce_event e WHERE e.subscriber_id = s.id"
                + " AND e.kind IN ('hard', 'soft'))" : "NULL";
        all.addAll(Sql.list(c, "SELECT s.confirmed_at, " + LAST_REFUSAL + ", " + returned + ", s.unsubscribed_at FROM subscriber s"
                + " WHERE s.status = 'bounced' AND s.confirmed_at IS NOT NULL",
                rs -> new Ended(Sql.instant(rs, 1), later(Sql.instant(rs, 2), Sql.instant(rs, 3)) != null
                        ? later(Sql.instant(rs, 2), Sql.instant(rs, 3)) : Sql.instant(rs, 4), How.BOUNCED)));
        if (past) {
            all.addAll(Sql.list(c, "SELECT confirmed_at, left_at, left_as, unsubscribe_reason FROM past_subscription"
                    + " WHERE left_at >= ? OR confirmed_at >= ?", rs -> new Ended(Sql.instant(rs, 1), Sql.instant(rs, 2),
                    "bounced".equals(rs.getString(3)) ? How.BOUNCED
                            : "complaint".equals(rs.getString(4)) ? How.COMPLAINED : How.UNSUBSCRIBED), since, since));
        }
        return all;
    }

    /** Complaints received since the instant, by readers now unsubscribed or who have since come back. */
    long complaints(Connection c, Instant since) throws SQLException {
        if (!reasons) {
            return 0;
        }
        long now = Sql.count(c, "SELECT COUNT(*) FROM subscriber WHERE status = 'unsubscribed'"
                + " AND unsubscribe_reason = 'complaint' AND unsubscribed_at >= ?", since);
        return now + (past ? Sql.count(c, "SELECT COUNT(*) FROM past_subscription WHERE unsubscribe_reason = 'complaint'"
                + " AND left_at >= ?", since) : 0);
    }

    /** Hard bounces since the instant, each at its time: refusals while sending, and hard bounces that came back. */
    List<Instant> hardBounces(Connection c, Instant since) throws SQLException {
        List<Instant> all = new ArrayList<>(Sql.list(c, REFUSALS,
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
