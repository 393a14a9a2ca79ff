package org.paperboy.digest;

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

/** The general digest of each day as published: the web archive and its Atom feed read it. */
public final class DigestArchive {

    private final DataSource data;

    public DigestArchive(DataSource data) {
        this.data = data;
    }

    /** One archived day. */
    public record Entry(LocalDate date, String subject, int paperCount, Instant createdAt) {
    }

    /** Publishes (or replaces) the day's digest, in one transaction. */
    public void publish(LocalDate date, String subject, int paperCount, String html, Instant now) {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM digest_archive WHERE digest_date = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO digest_archive (digest_date, subject, paper_count, html, created_at) VALUES (?, ?, ?, ?, ?)")) {
                delete.setObject(1, date);
                delete.executeUpdate();
                insert.setObject(1, date);
                insert.setString(2, subject);
                insert.setInt(3, paperCount);
                insert.setString(4, html);
                insert.setTimestamp(5, Timestamp.from(now));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PaperboyException("cannot archive the digest of " + date + ": " + e.getMessage(), e);
        }
    }

    /** The newest days first, at most {@code limit}. */
    public List<Entry> recent(int limit) {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT digest_date, subject, paper_count, created_at FROM digest_archive ORDER BY digest_date DESC")) {
            ps.setMaxRows(limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new PaperboyException("cannot read the digest archive: " + e.getMessage(), e);
        }
    }

    public Optional<String> html(LocalDate date) {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT html FROM digest_archive WHERE digest_date = ?")) {
            ps.setObject(1, date);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PaperboyException("cannot read the digest archive: " + e.getMessage(), e);
        }
    }
}
