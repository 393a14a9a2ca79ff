package org.paperboy.subscribers;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.paperboy.ranking.Preferences;
import org.paperboy.store.Database;

/** The subscriber table read a page at a time, for the whole list: exports, imports' checks and planning a send. */
final class SubscriberPages {

    private static final int PAGE = 5000;

    private final Database db;

    SubscriberPages(Database db) {
        this.db = db;
    }

    /** The subscribers with these ids, in the order given (ids of no subscriber are left out); at most 1,000 ids. */
    List<Subscriber> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() > 1000) {
            throw new IllegalArgumentException("at most 1000 ids at once, got " + ids.size());
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        Map<Long, Subscriber> found = new HashMap<>();
        db.transaction(c -> SubscriberStore.query(c, "SELECT " + SubscriberStore.COLUMNS + " FROM subscriber WHERE id IN (" + marks + ")", ids.toArray()))
                .forEach(s -> found.put(s.id(), s));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Every subscriber, or those with the status, in id order, streamed to the consumer a page at a
     * time: no transaction is held while the consumer works, so it may write (on SQLite a held
     * transaction would keep the one write lock).
     */
    void forEach(Status status, Consumer<Subscriber> consumer) {
        String sql = "SELECT " + SubscriberStore.COLUMNS + " FROM subscriber WHERE id > ?" + (status == null ? "" : " AND status = ?")
                + " ORDER BY id LIMIT " + PAGE;
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            List<Subscriber> page = db.transaction(c -> status == null ? SubscriberStore.query(c, sql, from)
                    : SubscriberStore.query(c, sql, from, status.key()));
            page.forEach(consumer);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * Every reader with the status, in id order, a page at a time, with only what planning a send
     * needs (a large list is read several times faster than as whole {@link Subscriber}s). Readers
     * with the same choices share one {@link Preferences}.
     */
    void forEachReader(Status status, Consumer<Reader> consumer) {
        String sql = "SELECT id, email, topics, keywords, frequency FROM subscriber WHERE id > ? AND status = ? ORDER BY id LIMIT " + PAGE;
        Map<String, Preferences> choices = new HashMap<>();
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            List<Reader> page = db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, from);
                    ps.setString(2, status.key());
                    try (ResultSet rs = ps.executeQuery()) {
                        List<Reader> found = new ArrayList<>(PAGE);
                        while (rs.next()) {
                            String topics = rs.getString(3);
                            String keywords = rs.getString(4);
                            Preferences p = choices.computeIfAbsent(topics + "\n" + keywords,
                                    k -> Preferences.of(SubscriberStore.split(topics), SubscriberStore.split(keywords)));
                            found.add(new Reader(rs.getLong(1), rs.getString(2), p, Frequency.parse(rs.getString(5))));
                        }
                        return found;
                    }
                }
            });
            if (choices.size() > 100_000) {
                choices.clear();
            }
            page.forEach(consumer);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }
}
