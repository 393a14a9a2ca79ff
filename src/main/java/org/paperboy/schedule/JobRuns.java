package org.paperboy.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import org.paperboy.PaperboyException;

/** The record of each run of the daily job, whoever ran it (the scheduler or {@code send}), for {@code schedule status}. */
public final class JobRuns {

    private final DataSource data;

    public JobRuns(DataSource data) {
        this.data = data;
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

    /** Records how a run ended: ok, incomplete or failed, with its summary. */
    public void finished(long id, String outcome, String summary, Instant now) {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE job_run SET finished_at = ?, outcome = ?, summary = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, outcome);
            ps.setString(3, summary == null ? null : summary.length() > 1000 ? summary.substring(0, 1000) : summary);
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PaperboyException("cannot record the job run: " + e.getMessage(), e);
        }
    }

    public Optional<Run> last() {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, digest_date, node, started_at, finished_at, outcome, summary"
                     + " FROM job_run ORDER BY started_at DESC, id DESC LIMIT 1");
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
