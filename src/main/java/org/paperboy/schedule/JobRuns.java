package org.paperboy.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.paperboy.PaperboyException;
import org.paperboy.delivery.DeliveryReport;

/** The record of each run of the daily job, whoever ran it (the scheduler or {@code send}), for {@code schedule status}. */
public final class JobRuns {

    private final DataSource data;

    public JobRuns(DataSource data) {
        this.data = data;
    }

    /** How a run ended, as {@code schedule status}, {@code /healthz} and the metrics read it. */
    public enum Outcome {
        OK("ok"), INCOMPLETE("incomplete"), NO_PAPERS("no papers"), FAILED("failed");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        /** The outcome as stored and shown. */
        public String text() {
            return text;
        }
    }

    /** A run as recorded. */
    public record Run(long id, LocalDate date, String node, Instant startedAt, Instant finishedAt, String outcome, String summary) {
    }

    /** Records a run's start; returns its id for {@link #finished}. */
    public long started(LocalDate date, Instant fireTime, String node, Instant now) {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO job_run (digest_date, fire_time, node, started_at, outcome)"
                     + " VALUES (?, ?, ?, ?, 'running')", new String[] {"id"})) {
            ps.setObject(1, date);
            ps.setTimestamp(2, Timestamp.from(fireTime));
            ps.setString(3, node);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new PaperboyException("cannot record the job run: " + e.getMessage(), e);
        }
    }

    /** Records how a run ended, with its summary. */
    public void finished(long id, Outcome outcome, String summary, Instant now) {
        finished(id, outcome, summary, now, null);
    }

    /** Records how a run ended, with its messages sent, deferred, failed and expired (the earlier dates it resumed included). */
    public void finished(long id, Outcome outcome, String summary, Instant now, DeliveryReport report) {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE job_run SET finished_at = ?, outcome = ?, summary = ?,"
                     + " sent = ?, deferred = ?, failed = ?, expired = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, outcome.text());
            ps.setString(3, summary == null ? null : summary.length() > 1000 ? summary.substring(0, 1000) : summary);
            List<DeliveryReport> all = new ArrayList<>();
            if (report != null) {
                all.add(report);
                all.addAll(report.earlier());
            }
            ps.setObject(4, report == null ? null : all.stream().mapToInt(DeliveryReport::sent).sum());
            ps.setObject(5, report == null ? null : all.stream().mapToInt(DeliveryReport::deferred).sum());
            ps.setObject(6, report == null ? null : all.stream().mapToInt(DeliveryReport::failed).sum());
            ps.setObject(7, report == null ? null : report.expired());
            ps.setLong(8, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PaperboyException("cannot record the job run: " + e.getMessage(), e);
        }
    }

    public Optional<Run> last() {
        return last("");
    }

    /** The last run that got to its end: ok, incomplete (some messages deferred or refused) or no papers; not failed. */
    public Optional<Run> lastCompleted() {
        return last(" WHERE outcome IN ('ok', 'incomplete', 'no papers')");
    }

    private Optional<Run> last(String where) {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, digest_date, node, started_at, finished_at, outcome, summary"
                     + " FROM job_run" + where + " ORDER BY started_at DESC, id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Timestamp finished = rs.getTimestamp(5);
            return Optional.of(new Run(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getTimestamp(4).toInstant(),
                    finished == null ? null : finished.toInstant(), rs.getString(6), rs.getString(7)));
        } catch (SQLException e) {
            throw new PaperboyException("cannot read the job runs: " + e.getMessage(), e);
        }
    }

    public int count() {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM job_run");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new PaperboyException("cannot read the job runs: " + e.getMessage(), e);
        }
    }
}
