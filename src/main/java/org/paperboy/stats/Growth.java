package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The list's days: who joined and left each day, and how many readers there were at its end.
 * Every confirmed subscription is a span from its confirmation to its end (none while it lasts):
 * the current one of each subscriber row, and the ones kept when readers came back. Each span
 * counts once as a subscription on the day it was confirmed and once as a departure on the day it
 * ended; the readers at the end of a day are the spans open then. So the readers are never
 * negative, change each day by exactly that day's joins less its departures, and on the last day
 * equal the confirmed readers now. Times after now (a clock set wrong when a row was written) count
 * as now; an end before its start as the start.
 */
final class Growth {

    private final Departures departures;
    private final ZoneId zone;

    /** The messages sent since an instant, each at its time (QueryPlanIT reads its plan). */
    static final String SENT = "SELECT sent_at FROM delivery WHERE state = 'sent' AND sent_at >= ?";
    /** The current subscriptions confirmed in a day: counted in subscriber_joined_idx (V18), no row read. */
    static final String JOINED_DAY = "SELECT COUNT(*) FROM subscriber WHERE status = 'confirmed'"
            + " AND COALESCE(confirmed_at, created_at) >= ? AND COALESCE(confirmed_at, created_at) < ?";
    /** Those confirmed since the start of the last day (times past now count as now: on the last day). */
    static final String JOINED_SINCE = "SELECT COUNT(*) FROM subscriber WHERE status = 'confirmed'"
            + " AND COALESCE(confirmed_at, created_at) >= ?";

    Growth(Departures departures, ZoneId zone) {
        this.departures = departures;
        this.zone = zone;
    }

    /**
     * @param confirmed the confirmed readers now, read in the same transaction: those not confirmed
     *                  within the window were readers before it
     */
    List<GrowthDay> days(Connection c, LocalDate from, LocalDate to, Instant now, long confirmed) throws SQLException {
        Instant since = from.atStartOfDay(zone).toInstant();
        Counts counts = new Counts(now);
        long before = confirmed - joins(c, from, to, counts.joins);
        for (Departures.Ended e : departures.ended(c, since)) {
            Instant joined = counts.clamp(e.joined());
            Instant left = e.left() == null || e.left().isBefore(joined) ? joined : counts.clamp(e.left());
            if (left.isBefore(since)) {
                continue;   // over before the window
            }
            if (joined.isBefore(since)) {
                before++;
            } else {
                counts.joined(joined);
            }
            counts.left(left, e.how());
        }
        Map<LocalDate, Long> sent = perDay(Sql.list(c, SENT,
                rs -> Sql.instant(rs, 1), since), t -> t);
        Map<LocalDate, Long> refused = perDay(departures.hardBounces(c, since), t -> t);
        // and what retention folded into the roll-ups
        Rolled.daily(c, "sent", from, to).forEach((d, n) -> sent.merge(d, n, Long::sum));
        Rolled.daily(c, "refused", from, to).forEach((d, n) -> refused.merge(d, n, Long::sum));
        Rolled.daily(c, "bounce:hard:reader", from, to).forEach((d, n) -> refused.merge(d, n, Long::sum));
        List<GrowthDay> days = new ArrayList<>();
        long readers = before;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            GrowthDay day = new GrowthDay(d, n(counts.joins, d), n(counts.left(Departures.How.UNSUBSCRIBED), d),
                    n(counts.left(Departures.How.BOUNCED), d), n(counts.left(Departures.How.COMPLAINED), d), 0, n(sent, d), n(refused, d));
            readers += day.net();
            days.add(day.withReaders(readers));
        }
        return days;
    }

    /** Counts the current subscriptions confirmed on each day of the window into the map; returns them all. */
    private long joins(Connection c, LocalDate from, LocalDate to, Map<LocalDate, Long> joins) throws SQLException {
        long all = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Instant start = d.atStartOfDay(zone).toInstant();
            long n = d.equals(to) ? Sql.count(c, JOINED_SINCE, start)
                    : Sql.count(c, JOINED_DAY, start, d.plusDays(1).atStartOfDay(zone).toInstant());
            if (n > 0) {
                joins.merge(d, n, Long::sum);
            }
            all += n;
        }
        return all;
    }

    /** Joins and departures per day, times past now counted as now. */
    private final class Counts {
        private final Instant now;
        private final Map<LocalDate, Long> joins = new TreeMap<>();
        private final Map<Departures.How, Map<LocalDate, Long>> departures = new EnumMap<>(Departures.How.class);

        Counts(Instant now) {
            this.now = now;
        }

        Instant clamp(Instant t) {
            return t.isAfter(now) ? now : t;
        }

        void joined(Instant at) {
            joins.merge(day(clamp(at)), 1L, Long::sum);
        }

        void left(Instant at, Departures.How how) {
            departures.computeIfAbsent(how, k -> new TreeMap<>()).merge(day(clamp(at)), 1L, Long::sum);
        }

        Map<LocalDate, Long> left(Departures.How how) {
            return departures.getOrDefault(how, Map.of());
        }
    }

    private LocalDate day(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    private <T> Map<LocalDate, Long> perDay(List<T> events, Function<T, Instant> at) {
        return events.stream().collect(Collectors.groupingBy(e -> at.apply(e).atZone(zone).toLocalDate(), TreeMap::new,
                Collectors.counting()));
    }

    private static int n(Map<LocalDate, Long> counts, LocalDate day) {
        return counts.getOrDefault(day, 0L).intValue();
    }
}
