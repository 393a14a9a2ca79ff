package org.paperboy.subscribers;

import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores the checked rows of an import, a batch per transaction, and counts what happened. A batch
 * the database refuses is stored again row by row, so one bad row costs only itself.
 */
final class ImportBatches {

    /** A checked row, its votes, and the line it came from. */
    record Row(long line, Subscriber subscriber, List<Votes.Vote> votes) {
    }

    private final Database db;
    private final List<CsvImport.Rejected> rejected = new ArrayList<>();
    private long imported;
    private long suppressed;
    private long present;

    ImportBatches(Database db) {
        this.db = db;
    }

    void reject(long line, String reason) {
        rejected.add(new CsvImport.Rejected(line, reason));
    }

    CsvImport.Report report() {
        rejected.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new CsvImport.Report(imported, suppressed, present, List.copyOf(rejected));
    }

    void store(List<Row> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Counts counts = db.transaction(c -> storeBatch(c, batch));
            imported += counts.imported();
            suppressed += counts.suppressed();
            present += counts.present();
            rejected.addAll(counts.duplicates());
        } catch (StoreException e) {
            if (batch.size() == 1) {
                reject(batch.get(0).line(), "the database refused it: " + Database.rootMessage(e));
            } else {
                batch.forEach(row -> store(List.of(row)));
            }
        }
    }

    /** What one batch did, counted once it is committed. */
    private record Counts(long imported, long suppressed, long present, List<CsvImport.Rejected> duplicates) {
    }

    private Counts storeBatch(Connection c, List<Row> batch) throws SQLException {
        Map<String, Status> existing = existing(c, batch);
        Map<String, Row> fresh = new LinkedHashMap<>();
        List<CsvImport.Rejected> duplicates = new ArrayList<>();
        long[] counts = new long[3];
        for (Row row : batch) {
            String key = EmailAddress.key(row.subscriber().email());
            Status now = existing.get(key);
            if (now != null) {
                counts[suppressesSubscribed(now, row.subscriber()) && suppress(c, key, row.subscriber()) ? 1 : 2]++;
            } else if (fresh.containsKey(key)) {
                duplicates.add(new CsvImport.Rejected(row.line(), "duplicate of line " + fresh.get(key).line()));
            } else {
                fresh.put(key, row);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SubscriberRows.INSERT)) {
            for (Row row : fresh.values()) {
                SubscriberRows.bindInsert(ps, row.subscriber());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        storeVotes(c, fresh);
        return new Counts(fresh.size(), counts[1], counts[2], duplicates);
    }

    /** The votes of the readers just added, with the titles of their papers where this installation has none yet. */
    private static void storeVotes(Connection c, Map<String, Row> fresh) throws SQLException {
        for (Map.Entry<String, Row> e : fresh.entrySet()) {
            List<Votes.Vote> votes = e.getValue().votes();
            if (votes.isEmpty()) {
                continue;
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM subscriber WHERE email_key = ?")) {
                ps.setString(1, e.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement vote = c.prepareStatement("INSERT INTO vote (subscriber_id, paper_id, direction, voted_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (subscriber_id, paper_id) DO NOTHING");
                 PreparedStatement paper = c.prepareStatement("INSERT INTO paper (paper_id, title, first_date) VALUES (?, ?, ?)"
                    + " ON CONFLICT (paper_id) DO NOTHING")) {
                for (Votes.Vote v : votes) {
                    vote.setLong(1, id);
                    vote.setString(2, v.paperId());
                    vote.setInt(3, v.more() ? 1 : -1);
                    vote.setTimestamp(4, java.sql.Timestamp.from(v.at()));
                    vote.addBatch();
                    paper.setString(1, v.paperId());
                    paper.setString(2, v.title());
                    paper.setObject(3, v.at().atZone(java.time.ZoneOffset.UTC).toLocalDate());
                    paper.addBatch();
                }
                vote.executeBatch();
                paper.executeBatch();
            }
        }
    }

    private static boolean suppressesSubscribed(Status present, Subscriber row) {
        boolean subscribed = present == Status.PENDING || present == Status.CONFIRMED;
        return subscribed && (row.status() == Status.UNSUBSCRIBED || row.status() == Status.BOUNCED);
    }

    /** A present, subscribed reader whom the file lists as unsubscribed or bounced stops being mailed. */
    private static boolean suppress(Connection c, String key, Subscriber s) throws SQLException {
        return SubscriberStore.update(c, "UPDATE subscriber SET status = ?, unsubscribed_at = ?, unsubscribe_reason = ?,"
                + " hard_bounces = CASE WHEN hard_bounces < ? THEN ? ELSE hard_bounces END"
                + " WHERE email_key = ? AND status IN ('pending', 'confirmed')", s.status().key(), SubscriberStore.ts(s.unsubscribedAt()),
                s.unsubscribeReason() == null ? null : s.unsubscribeReason().key(), s.hardBounces(), s.hardBounces(), key) > 0;
    }

    /** The rows already here, by address key; a forgotten reader (kept only as a hash) counts as unsubscribed. */
    private static Map<String, Status> existing(Connection c, List<Row> batch) throws SQLException {
        Map<String, Status> found = new HashMap<>();
        Map<String, String> byForgotten = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT email_key, status FROM subscriber WHERE email_key IN (");
        for (int i = 0; i < 2 * batch.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < batch.size(); i++) {
                String key = EmailAddress.key(batch.get(i).subscriber().email());
                String forgotten = Forgetting.forgottenKey(key);
                byForgotten.put(forgotten, key);
                ps.setString(2 * i + 1, key);
                ps.setString(2 * i + 2, forgotten);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    if (byForgotten.containsKey(key)) {
                        found.putIfAbsent(byForgotten.get(key), Status.UNSUBSCRIBED);
                    } else {
                        found.put(key, Status.parse(rs.getString(2)));
                    }
                }
            }
        }
        return found;
    }
}
