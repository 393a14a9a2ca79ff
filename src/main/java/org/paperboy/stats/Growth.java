package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The list's days: who joined and left each day, and how many readers there were at its end.
 * Readers over time are walked back from today's count, day by day, undoing each day's joins and
 * departures: exact for the history the readers' rows keep (their latest confirmation and departure).
 */
final class Growth {

    private final Departures departures;
    private final ZoneId zone;

    Growth(Departures departures, ZoneId zone) {
        this.departures = departures;
        this.zone = zone;
    }

    List<GrowthDay> days(Connection c, LocalDate from, LocalDate to, long confirmedNow) throws SQLException {
        Instant since = from.atStartOfDay(zone).toInstant();
        Map<LocalDate, Long> subscribed = perDay(Sql.list(c, "SELECT confirmed_at FROM subscriber WHERE confirmed_at >= ?",
                rs -> Sql.instant(rs, 1), since), t -> t);
        List<Departures.Left> left = departures.unsubscribed(c, since);
        Map<LocalDate, Long> unsubscribed = perDay(left.stream().filter(l -> !l.complaint()).toList(), Departures.Left::at);
        Map<LocalDate, Long> complained = perDay(left.stream().filter(Departures.Left::complaint).toList(), Departures.Left::at);
        Map<LocalDate, Long> bounced = perDay(departures.bounced(c, since), t -> t);
        Map<LocalDate, Long> sent = perDay(Sql.list(c, "SELECT sent_at FROM delivery WHERE state = 'sent' AND sent_at >= ?",
                rs -> Sql.instant(rs, 1), since), t -> t);
        Map<LocalDate, Long> refused = perDay(departures.hardBounces(c, since), t -> t);
        List<GrowthDay> days = new ArrayList<>();
        long readers = confirmedNow;
        for (LocalDate d = to; !d.isBefore(from); d = d.minusDays(1)) {
            GrowthDay day = new GrowthDay(d, n(subscribed, d), n(unsubscribed, d), n(bounced, d), n(complained, d), readers,
                    n(sent, d), n(refused, d));
            days.add(0, day);
            readers -= day.net();
        }
        return days;
    }

    private <T> Map<LocalDate, Long> perDay(List<T> events, Function<T, Instant> at) {
        return events.stream().collect(Collectors.groupingBy(e -> at.apply(e).atZone(zone).toLocalDate(), TreeMap::new,
                Collectors.counting()));
    }

    private static int n(Map<LocalDate, Long> counts, LocalDate day) {
        return counts.getOrDefault(day, 0L).intValue();
    }
}
