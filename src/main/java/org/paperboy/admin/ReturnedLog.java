package org.paperboy.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.paperboy.store.Database;

/**
 * The returned-mail log of the admin page: each report a returned mail made ({@code bounce_event}),
 * newest first, a page at a time, narrowed to how it was proven ours: verified (a signed VERP
 * address or our Message-ID: it acted on the reader), unverified (it named a reader without that
 * proof: changed nobody) or unmatched (it named nobody we know).
 */
final class ReturnedLog {

    /** How a report was tied to us. */
    enum Provenance {
        VERIFIED("matched_by IN ('verp', 'message-id')"),
        UNVERIFIED("matched_by = 'unverified'"),
        UNMATCHED("matched_by = 'unmatched'");

        private final String condition;

        Provenance(String condition) {
            this.condition = condition;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The provenance a parameter names, or null for all. */
        static Provenance parse(String given) {
            for (Provenance p : values()) {
                if (p.key().equalsIgnoreCase(given == null ? "" : given.strip())) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * One report.
     *
     * @param matchedBy  verp, message-id, unverified or unmatched
     * @param reason     the reason it was classified under (mailbox-full, no-such-user, …)
     * @param diagnostic the remote server's words, as the report quoted them
     */
    record Row(long id, Instant received, String recipient, Long subscriberId, String matchedBy, String kind, String statusCode,
               String reason, String diagnostic) {

        /** When it came, UTC, to the minute. */
        String when() {
            return received == null ? "" : received.toString().replace('T', ' ').substring(0, Math.min(16, received.toString().length())) + " UTC";
        }

        String provenance() {
            return matchedBy.equals("verp") || matchedBy.equals("message-id") ? "verified" : matchedBy;
        }
    }

    private static final String SELECT = "SELECT id, received_at, recipient, subscriber_id, matched_by, kind, status_code, reason,"
            + " diagnostic FROM bounce_event";

    private final Database db;

    ReturnedLog(Database db) {
        this.db = db;
    }

    /** @param provenance null for every report */
    Keyset.Page<Row> page(Provenance provenance, Keyset.Position at) {
        List<String> where = provenance == null ? List.of() : List.of(provenance.condition);
        return db.transaction(c -> Keyset.page(c, SELECT, where, List.of(), at, ReturnedLog::read, Row::id));
    }

    /** The statement of a page, for its plan to be read. */
    static Keyset.Query query(Provenance provenance, Keyset.Position at) {
        return Keyset.query(SELECT, provenance == null ? List.of() : List.of(provenance.condition), List.of(), at);
    }

    private static Row read(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(2);
        long subscriber = rs.getLong(4);
        Long subscriberId = rs.wasNull() ? null : subscriber;
        return new Row(rs.getLong(1), at == null ? null : at.toInstant(), rs.getString(3), subscriberId, rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }
}
