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

    /* The statements, here so that QueryPlanIT reads the plan of exactly these. */
    static final String LAST_REFUSAL = "(SELECT MAX(d.next_attempt_at) FROM delivery d WHERE d.subscriber_id = s.id AND d.state = 'failed')";
    static final String REFUSALS = "SELECT next_attempt_at FROM delivery WHERE state = 'failed' AND next_attempt_at >= ?";
    /**
     * The unsubscribed readers with no time of leaving, or who left or were confirmed since an
     * instant (bound twice): each part a range of one index (subscriber_left_idx,
     * subscriber_joined_idx; V18), so that SQLite reads no other row.
     */
    static final String UNSUBSCRIBED_SINCE = "SELECT id FROM subscriber WHERE status = 'unsubscribed' AND unsubscribed_at IS NULL"
            + " UNION SELECT id FROM subscriber WHERE status = 'unsubscribed' AND unsubscribed_at >= ?"
            + " UNION SELECT id FROM subscriber WHERE status = 'unsubscribed' AND COALESCE(confirmed_at, created_at) >= ?";
    /**
     * The bounced readers confirmed, unsubscribed or refused since an instant (bound three times):
     * a departure dated in the window is one of these, or had a bounce returned then ({@link #RETURNED_SINCE}).
     */
    static final String BOUNCED_SINCE = "SELECT id FROM subscriber WHERE status = 'bounced' AND COALESCE(confirmed_at, created_at) >= ?"
            + " UNION SELECT id FROM subscriber WHERE status = 'bounced' AND unsubscribed_at >= ?"
            + " UNION SELECT subscriber_id FROM delivery WHERE state = 'failed' AND next_attempt_at >= ?";
    /** The readers a hard or soft bounce came back about since an instant. */
    static final String RETURNED_SINCE = "SELECT subscriber_id FROM bounce_event WHERE kind IN ('hard', 'soft') AND received_at >= ?";
    /** Earlier subscriptions confirmed or ended since an instant (bound twice). */
    static final String PAST_SINCE = "SELECT confirmed_at, left_at, left_as, unsubscribe_reason FROM past_subscription"
            + " WHERE left_at >= ? OR confirmed_at >= ?";
    /** Complaints since an instant by readers now unsubscribed. */
    static final String COMPLAINTS = "SELECT COUNT(*) FROM subscriber WHERE status = 'unsubscribed'"
            + " AND unsubscribe_reason = 'complaint' AND unsubscribed_at >= ?";

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
     * instant. Only the window's rows are read (V18): a bounced reader whose departure may fall in it
     * was confirmed, unsubscribed, refused or returned a bounce since the instant; its end is worked
     * out here, and the caller leaves out the few read that ended before.
     */
    List<Ended> ended(Connection c, Instant since) throws SQLException {
        String complaint = reasons ? "CASE WHEN unsubscribe_reason = 'complaint' THEN 1 ELSE 0 END" : "0";
        List<Ended> all = new ArrayList<>(Sql.list(c, "SELECT confirmed_at, unsubscribed_at, " + complaint + " FROM subscriber"
                + " WHERE status = 'unsubscribed' AND confirmed_at IS NOT NULL AND id IN (" + UNSUBSCRIBED_SINCE + ")",
                rs -> new Ended(Sql.instant(rs, 1), Sql.instant(rs, 2), rs.getInt(3) == 1 ? How.COMPLAINED : How.UNSUBSCRIBED),
                since, since));
        String returned = events ? "(SELECT MAX(e.received_at) FROM bounce_event e WHERE e.subscriber_id = s.id"
                + " AND e.kind IN ('hard', 'soft'))" : "NULL";
        all.addAll(Sql.list(c, "SELECT s.confirmed_at, " + LAST_REFUSAL + ", " + returned + ", s.unsubscribed_at FROM subscriber s"
                + " WHERE s.status = 'bounced' AND s.confirmed_at IS NOT NULL AND s.id IN (" + bouncedSince() + ")",
                rs -> new Ended(Sql.instant(rs, 1), later(Sql.instant(rs, 2), Sql.instant(rs, 3)) != null
                        ? later(Sql.instant(rs, 2), Sql.instant(rs, 3)) : Sql.instant(rs, 4), How.BOUNCED),
                events ? new Object[] {since, since, since, since} : new Object[] {since, since, since}));
        if (past) {
            all.addAll(Sql.list(c, PAST_SINCE, rs -> new Ended(Sql.instant(rs, 1), Sql.instant(rs, 2),
                    "bounced".equals(rs.getString(3)) ? How.BOUNCED
                            : "complaint".equals(rs.getString(4)) ? How.COMPLAINED : How.UNSUBSCRIBED), since, since));
        }
        return all;
    }

    /** The bounced readers whose departure may fall since an instant, each part bound to the instant. */
    private String bouncedSince() {
        return BOUNCED_SINCE + (events ? " UNION " + RETURNED_SINCE : "");
    }

    /** Complaints received since the instant, by readers now unsubscribed or who have since come back. */
    long complaints(Connection c, Instant since) throws SQLException {
        if (!reasons) {
            return 0;
        }
        long now = Sql.count(c, COMPLAINTS, since);
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
