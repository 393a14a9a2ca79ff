package org.paperboy.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperboy.store.Database;

/**
 * The reader list of the admin page: readers newest first, narrowed by a {@link ReaderFilter}, a
 * page at a time by {@link Keyset}. A status, or complaints, are read through their index in id
 * order; the other filters are checked row by row in id order, so a page reads the rows up to its
 * last match (a filter nothing matches reads the whole table once: about 0.3 s for a million readers).
 */
final class ReaderList {

    /** One reader as the list shows them. */
    record Row(long id, String email, String status, String frequency, List<String> topics, Instant joined, int hardBounces,
               String unsubscribeReason) {

        /** The day they joined, UTC. */
        String joinedDay() {
            return joined == null ? "" : joined.toString().substring(0, 10);
        }
    }

    private static final String SELECT = "SELECT id, email, status, frequency, topics, created_at, hard_bounces, unsubscribe_reason"
            + " FROM subscriber";

    private final Database db;

    ReaderList(Database db) {
        this.db = db;
    }

    Keyset.Page<Row> page(ReaderFilter filter, Keyset.Position at) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        conditions(filter, where, args);
        return db.transaction(c -> Keyset.page(c, SELECT, where, args, at, ReaderList::read, Row::id));
    }

    /** The ids of one page of matching readers (for the export, which reads whole subscribers). */
    Keyset.Page<Long> ids(ReaderFilter filter, Keyset.Position at) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        conditions(filter, where, args);
        return db.transaction(c -> Keyset.page(c, "SELECT id FROM subscriber", where, args, at, rs -> rs.getLong(1), Long::longValue));
    }

    /** The statement of a page, for its plan to be read. */
    static Keyset.Query query(ReaderFilter filter, Keyset.Position at) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        conditions(filter, where, args);
        return Keyset.query(SELECT, where, args, at);
    }

    static void conditions(ReaderFilter f, List<String> where, List<Object> args) {
        if (f.status() != null) {
            where.add("status = ?");
            args.add(f.status().key());
        }
        if (f.returned() == ReaderFilter.Returned.BOUNCED) {
            where.add("status = 'bounced'");
        } else if (f.returned() == ReaderFilter.Returned.COMPLAINED) {
            where.add("unsubscribe_reason = 'complaint'");
        }
        if (f.frequency() != null) {
            where.add("frequency = ?");
            args.add(f.frequency().key());
        }
        if (f.topic() != null) {
            // topics are stored as "slug,slug"; a slug holds no comma, no % and no _ that LIKE would read
            where.add("(',' || topics || ',') LIKE ? ESCAPE '\\'");
            args.add("%," + escapeLike(f.topic()) + ",%");
        }
        if (f.joinedFrom() != null) {
            where.add("created_at >= ?");
            args.add(Timestamp.from(f.joinedFrom().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (f.joinedTo() != null) {
            where.add("created_at < ?");
            args.add(Timestamp.from(f.joinedTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (f.query() != null) {
            // email_key is the address lower-cased: a case-blind substring match on both databases
            where.add("email_key LIKE ? ESCAPE '\\'");
            args.add("%" + escapeLike(f.query().toLowerCase(Locale.ROOT)) + "%");
        }
    }

    /** The text as a LIKE pattern matching only itself: its \, % and _ escaped with \. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Row read(ResultSet rs) throws SQLException {
        String topics = rs.getString(5);
        Timestamp joined = rs.getTimestamp(6);
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                topics == null || topics.isEmpty() ? List.of() : List.of(topics.split(",")),
                joined == null ? null : joined.toInstant(), rs.getInt(7), rs.getString(8));
    }
}
