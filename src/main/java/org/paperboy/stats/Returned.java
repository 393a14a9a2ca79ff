package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The returned mail of the window, by what it could prove: reports about a message we sent the
 * reader (a signed VERP address or our Message-ID), which acted; reports naming a reader without
 * that proof (forged or otherwise unproven), which changed nobody; and reports naming no one we know.
 * Mailed unsubscribes are left out (their proof is the signed token).
 */
public record Returned(long proven, long unverified, long unmatched) {

    /** @param from the day {@code since} begins, in the zone the roll-ups count days in */
    static Returned since(Connection c, Instant since, java.time.LocalDate from) throws SQLException {
        long[] counts = new long[3];
        // what retention folded into the roll-ups: figures "bounce:KIND:MATCHED_BY"
        Sql.list(c, Rolled.RETURNED, rs -> {
            String[] figure = rs.getString(1).split(":");
            if (figure.length == 3 && !figure[1].equals("unsubscribe") && !figure[2].equals("reader")) {
                int which = figure[2].equals("unverified") ? 1 : figure[2].equals("unmatched") ? 2 : 0;
                counts[which] += rs.getLong(2);
            }
            return null;
        }, from);
        Sql.list(c, "SELECT matched_by, COUNT(*) FROM bounce_event WHERE kind <> 'unsubscribe' AND received_at >= ? GROUP BY matched_by",
                rs -> {
                    String by = rs.getString(1);
                    int which = by.equals("unverified") ? 1 : by.equals("unmatched") ? 2 : 0;
                    counts[which] += rs.getLong(2);
                    return null;
                }, since);
        return new Returned(counts[0], counts[1], counts[2]);
    }
}
