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

    static Returned since(Connection c, Instant since) throws SQLException {
        long[] counts = new long[3];
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
