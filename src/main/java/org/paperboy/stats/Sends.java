package org.paperboy.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each digest date's outbox, from the {@code delivery} rows and the {@code job_run} records: how
 * many messages were sent, are still pending, failed, were cancelled or expired, and how long it took.
 */
final class Sends {

    private static final String EXPIRED = "CASE WHEN state = 'cancelled' AND last_reply LIKE 'expired:%' THEN 'expired' ELSE state END";

    /* The statements on the outbox, here so that QueryPlanIT reads the plan of exactly these. */
    private static final String GROUP = "SELECT digest_date, " + EXPIRED + ", COUNT(*), MIN(created_at), MAX(sent_at) FROM delivery";
    /** Each digest date's rows by state, for the dates of the window. */
    static final String GROUPS_SINCE = GROUP + " WHERE digest_date >= ? GROUP BY digest_date, " + EXPIRED;
    /** The older dates with rows planned within the window (a day sent late). */
    static final String PLANNED_LATE = "SELECT DISTINCT digest_date FROM delivery WHERE created_at >= ? AND digest_date < ?";
    /** One older date's rows by state. */
    static final String GROUPS_ON = GROUP + " WHERE digest_date = ? GROUP BY digest_date, " + EXPIRED;

    /** One group of a date's rows. */
    private record Group(LocalDate date, String state, int count, Instant firstPlanned, Instant lastSent) {
    }

    /** A date's runs, summed. */
    private record Runs(double seconds, String lastOutcome) {
    }

    /** The digest dates of the window, and older ones planned within it (a day sent late). */
    List<SendDay> days(Connection c, LocalDate from, Instant since) throws SQLException {
        List<Group> groups = new ArrayList<>(Sql.list(c, GROUPS_SINCE, Sends::group, from));
        // and the dates retention folded into the roll-ups
        groups.addAll(Sql.list(c, Rolled.DATES_SINCE, Sends::rolled, from));
        java.util.Set<LocalDate> late = new java.util.TreeSet<>(Sql.list(c, PLANNED_LATE, rs -> rs.getObject(1, LocalDate.class), since, from));
        late.addAll(Sql.list(c, Rolled.PLANNED_LATE, rs -> rs.getObject(1, LocalDate.class), since, from));
        for (LocalDate date : late) {
            groups.addAll(Sql.list(c, GROUPS_ON, Sends::group, date));
            groups.addAll(Sql.list(c, Rolled.DATE, Sends::rolled, date));
        }
        LocalDate oldest = groups.stream().map(Group::date).min(LocalDate::compareTo).orElse(from);
        Map<LocalDate, Runs> runs = runs(c, oldest.isBefore(from) ? oldest : from);
        Map<LocalDate, List<Group>> byDate = new TreeMap<>(java.util.Comparator.reverseOrder());
        groups.forEach(g -> byDate.computeIfAbsent(g.date(), k -> new ArrayList<>()).add(g));
        List<SendDay> days = new ArrayList<>();
        byDate.forEach((date, list) -> days.add(day(date, list, runs.get(date))));
        return days;
    }

    private static Group rolled(java.sql.ResultSet rs) throws SQLException {
        return new Group(rs.getObject(1, LocalDate.class), rs.getString(2), (int) rs.getLong(3), Sql.instant(rs, 4), Sql.instant(rs, 5));
    }

    private static Group group(java.sql.ResultSet rs) throws SQLException {
        return new Group(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getInt(3), Sql.instant(rs, 4), Sql.instant(rs, 5));
    }

    private static SendDay day(LocalDate date, List<Group> groups, Runs runs) {
        int sent = count(groups, "sent");
        Instant first = groups.stream().map(Group::firstPlanned).filter(t -> t != null).min(Instant::compareTo).orElse(null);
        Instant last = groups.stream().map(Group::lastSent).filter(t -> t != null).max(Instant::compareTo).orElse(null);
        Double seconds = runs != null && runs.seconds() > 0 ? Double.valueOf(runs.seconds())
                : first != null && last != null ? Duration.between(first, last).toMillis() / 1000.0 : null;
        Double rate = seconds == null || sent == 0 ? null : sent / Math.max(seconds, 0.001);
        int messages = groups.stream().mapToInt(Group::count).sum();
        return new SendDay(date, messages, sent, count(groups, "pending") + count(groups, "sending"), count(groups, "failed"),
                count(groups, "cancelled"), count(groups, "expired"), sent == 0 ? null : seconds, rate,
                runs == null ? null : runs.lastOutcome());
    }

    private static int count(List<Group> groups, String state) {
        return groups.stream().filter(g -> g.state().equals(state)).mapToInt(Group::count).sum();
    }

    private static Map<LocalDate, Runs> runs(Connection c, LocalDate from) throws SQLException {
        Map<LocalDate, Runs> runs = new TreeMap<>();
        // the runs retention folded into the roll-up are older than any kept: they come first
        Sql.list(c, Rolled.RUNS, rs -> runs.put(rs.getObject(1, LocalDate.class), new Runs(rs.getDouble(2), rs.getString(3))), from);
        for (RunLine r : Sql.list(c, "SELECT digest_date, node, started_at, finished_at, outcome, summary FROM job_run"
                + " WHERE digest_date >= ? ORDER BY started_at, id", Sends::run, from)) {
            double seconds = r.seconds() == null ? 0 : r.seconds();
            runs.merge(r.date(), new Runs(seconds, r.outcome()), (a, b) -> new Runs(a.seconds() + b.seconds(), b.lastOutcome()));
        }
        return runs;
    }

    /** The latest runs, newest first. */
    static List<RunLine> recentRuns(Connection c, int limit) throws SQLException {
        return Sql.list(c, "SELECT digest_date, node, started_at, finished_at, outcome, summary FROM job_run"
                + " ORDER BY started_at DESC, id DESC LIMIT " + limit, Sends::run);
    }

    private static RunLine run(java.sql.ResultSet rs) throws SQLException {
        return new RunLine(rs.getObject(1, LocalDate.class), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4),
                rs.getString(5), rs.getString(6));
    }
}
