package org.paperboy.subscribers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperboy.store.Database;

/**
 * A reader's votes from the mail: "More like this" (+1) or "Fewer like this" (-1), one per paper.
 * Voting again replaces the vote (idempotent), undo removes it, reset removes them all. Each vote
 * is read back with the paper's title and stored representation ({@code paper} table).
 */
public final class Votes {

    /** At most this many of a reader's latest votes shape their ranking, so one reader's cost stays small. */
    public static final int MAX_USED = 200;
    private static final int IN_CHUNK = 500;

    /** One vote, with what the digest knew of the paper (title and vector may be missing for an unknown paper). */
    public record Vote(String paperId, String title, boolean more, Instant at, String model, byte[] vector) {
    }

    private final Database db;

    public Votes(Database db) {
        this.db = db;
    }

    /** Records the reader's vote on the paper; the same vote again changes nothing, the other one replaces it. */
    public void vote(long readerId, String paperId, boolean more, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vote (subscriber_id, paper_id, direction, voted_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (subscriber_id, paper_id) DO UPDATE SET direction = excluded.direction,"
                    + " voted_at = CASE WHEN vote.direction = excluded.direction THEN vote.voted_at ELSE excluded.voted_at END")) {
                ps.setLong(1, readerId);
                ps.setString(2, paperId);
                ps.setInt(3, more ? 1 : -1);
                ps.setTimestamp(4, Timestamp.from(at));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes the reader's vote on the paper; false when there was none. */
    public boolean undo(long readerId, String paperId) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vote WHERE subscriber_id = ? AND paper_id = ?")) {
                ps.setLong(1, readerId);
                ps.setString(2, paperId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Removes all the reader's votes; returns how many. */
    public int reset(long readerId) {
        return db.transaction(c -> reset(c, readerId));
    }

    /** Removes all the reader's votes inside the caller's transaction (forgetting a reader). */
    public static int reset(Connection c, long readerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM vote WHERE subscriber_id = ?")) {
            ps.setLong(1, readerId);
            return ps.executeUpdate();
        }
    }

    /** The reader's current vote on the paper, if any. */
    public Optional<Boolean> current(long readerId, String paperId) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT direction FROM vote WHERE subscriber_id = ? AND paper_id = ?")) {
                ps.setLong(1, readerId);
                ps.setString(2, paperId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getInt(1) > 0) : Optional.empty();
                }
            }
        });
    }

    /** The reader's votes, latest first. */
    public List<Vote> of(long readerId) {
        return forReaders(List.of(readerId)).getOrDefault(readerId, List.of());
    }

    /** The votes of each reader who has any, latest first, at most {@link #MAX_USED} each; readers without votes are absent. */
    public Map<Long, List<Vote>> forReaders(Collection<Long> readerIds) {
        Map<Long, List<Vote>> all = new HashMap<>();
        List<Long> ids = new ArrayList<>(readerIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            db.transaction(c -> {
                String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT v.subscriber_id, v.paper_id, p.title, v.direction, v.voted_at,"
                        + " p.model, p.vector FROM vote v LEFT JOIN paper p ON p.paper_id = v.paper_id WHERE v.subscriber_id IN (" + marks + ")"
                        + " ORDER BY v.subscriber_id, v.voted_at DESC, v.paper_id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            List<Vote> list = all.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                            if (list.size() < MAX_USED) {
                                String title = rs.getString(3);
                                list.add(new Vote(rs.getString(2), title == null ? rs.getString(2) : title, rs.getInt(4) > 0,
                                        rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getBytes(7)));
                            }
                        }
                    }
                }
                return null;
            });
        }
        return all;
    }

    /** The readers who have voted (a tenth of a list or so): an export asks for just their votes. */
    public java.util.Set<Long> voters() {
        return db.transaction(c -> {
            java.util.Set<Long> ids = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT subscriber_id FROM vote"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    /** Whether any reader has voted: when none has, planning skips the vote lookups entirely. */
    public boolean any() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM vote LIMIT 1"); ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** The title of a paper a digest carried, if it is known. */
    public Optional<String> title(String paperId) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT title FROM paper WHERE paper_id = ?")) {
                ps.setString(1, paperId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
