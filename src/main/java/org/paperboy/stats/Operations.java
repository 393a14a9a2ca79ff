package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.paperboy.PaperboyException;

/**
 * The figures an operator alerts on, read from the database in a handful of small statements (each
 * served by an index or a table of a few rows), so that {@code /metrics} shows what every process
 * did, the daemon and a {@code send} run by hand alike: messages by outcome since the start, the
 * queue, readers by status, returned mail by kind and proof, confirmation mails waiting, the runs.
 */
public final class Operations {

    /* The statements, here so that QueryPlanIT reads the plan of exactly these. */
    static final String TALLY = "SELECT outcome, total FROM delivery_tally";
    /** The outbox rows still to send, of the dates a run may still send (an index range, never the whole outbox). */
    static final String QUEUE = "SELECT COUNT(*) FROM delivery WHERE digest_date >= ? AND state IN ('pending', 'sending')";
    static final String READERS = "SELECT status, COUNT(*) FROM subscriber GROUP BY status";
    static final String RETURNED = "SELECT kind, matched_by, COUNT(*) FROM bounce_event GROUP BY kind, matched_by";
    static final String ROLLED_RETURNED = "SELECT figure, SUM(total) FROM daily_rollup WHERE figure LIKE 'bounce:%' GROUP BY figure";
    static final String CONFIRMATIONS = "SELECT state, COUNT(*) FROM mail_queue GROUP BY state";
    /** A run that got to its end: ok, incomplete (some deferred or refused) or no papers; not failed, not running. */
    static final String COMPLETED = "outcome IN ('ok', 'incomplete', 'no papers')";
    static final String LAST_RUN = "SELECT started_at, finished_at, outcome, sent, deferred, failed, expired FROM job_run"
            + " WHERE finished_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1";
    static final String LAST_COMPLETED = "SELECT started_at, finished_at, outcome, sent, deferred, failed, expired, fire_time FROM job_run"
            + " WHERE " + COMPLETED + " ORDER BY started_at DESC, id DESC LIMIT 1";

    /** The message outcomes counted. */
    public static final List<String> OUTCOMES = List.of("sent", "deferred", "failed", "expired");
    public static final List<String> STATUSES = List.of("confirmed", "pending", "unsubscribed", "bounced");
    public static final List<String> KINDS = List.of("hard", "soft", "complaint", "autoreply", "none", "unsubscribe");
    /** How a returned mail was proven ours: verified (a signed VERP address or our Message-ID), unverified, unmatched. */
    public static final List<String> PROOFS = List.of("verified", "unverified", "unmatched");
    public static final List<String> MAIL_STATES = List.of("pending", "sending", "failed", "expired");

    /** A finished run: when, how it ended, and its messages by outcome (null figures for runs recorded before V14). */
    public record Run(Instant startedAt, Instant finishedAt, String outcome, Map<String, Long> messages, Instant fireTime) {
        public double seconds() {
            return finishedAt == null ? 0 : (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
        }
    }

    /**
     * One reading. {@code returned} is keyed by kind, then proof.
     *
     * @param lastRun       the last run that finished, however it ended
     * @param lastCompleted the last run that got to its end (not failed)
     */
    public record Snapshot(Map<String, Long> messages, long queued, Map<String, Long> readers, Map<String, Map<String, Long>> returned,
                           Map<String, Long> confirmations, Run lastRun, Run lastCompleted) {
    }

    private final DataSource data;

    public Operations(DataSource data) {
        this.data = data;
    }

    /** @param oldest the oldest digest date a run may still send (today less {@code delivery.maxAgeDays}) */
    public Snapshot read(LocalDate oldest) {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Long> messages = zeros(OUTCOMES);
                Sql.list(c, TALLY, rs -> messages.put(rs.getString(1), rs.getLong(2)));
                long queued = Sql.count(c, QUEUE, oldest);
                Map<String, Long> readers = zeros(STATUSES);
                Sql.list(c, READERS, rs -> readers.put(rs.getString(1), rs.getLong(2)));
                Map<String, Map<String, Long>> returned = new LinkedHashMap<>();
                KINDS.forEach(k -> returned.put(k, zeros(PROOFS)));
                Sql.list(c, RETURNED, rs -> returned.computeIfAbsent(rs.getString(1), k -> zeros(PROOFS))
                        .merge(proof(rs.getString(2)), rs.getLong(3), Long::sum));
                // and the events retention folded into the roll-ups ("bounce:KIND:MATCHED_BY"): the counters never go down
                Sql.list(c, ROLLED_RETURNED, rs -> {
                    String[] figure = rs.getString(1).split(":");
                    if (figure.length == 3 && !figure[2].equals("reader")) {
                        returned.computeIfAbsent(figure[1], k -> zeros(PROOFS)).merge(proof(figure[2]), rs.getLong(2), Long::sum);
                    }
                    return null;
                });
                Map<String, Long> confirmations = zeros(MAIL_STATES);
                Sql.list(c, CONFIRMATIONS, rs -> confirmations.put(rs.getString(1), rs.getLong(2)));
                Run last = Sql.list(c, LAST_RUN, Operations::run).stream().findFirst().orElse(null);
                Run completed = Sql.list(c, LAST_COMPLETED, Operations::run).stream().findFirst().orElse(null);
                return new Snapshot(messages, queued, readers, returned, confirmations, last, completed);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new PaperboyException("cannot read the figures for /metrics: " + e.getMessage(), e);
        }
    }

    /** verp and message-id are proof the mail is about a message we sent; the rest is not. */
    static String proof(String matchedBy) {
        return "unverified".equals(matchedBy) ? "unverified" : "unmatched".equals(matchedBy) ? "unmatched" : "verified";
    }

    private static Run run(java.sql.ResultSet rs) throws SQLException {
        Map<String, Long> messages = new LinkedHashMap<>();
        for (int i = 0; i < OUTCOMES.size(); i++) {
            long n = rs.getLong(4 + i);
            messages.put(OUTCOMES.get(i), rs.wasNull() ? null : n);
        }
        Instant fire = rs.getMetaData().getColumnCount() >= 8 ? Sql.instant(rs, 8) : null;
        return new Run(Sql.instant(rs, 1), Sql.instant(rs, 2), rs.getString(3), messages, fire);
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }
}
