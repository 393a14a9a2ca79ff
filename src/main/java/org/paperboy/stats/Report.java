package org.paperboy.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The numbers of one installation over the last {@code days} days: what {@code paperboy stats}
 * prints and the admin page draws.
 *
 * @param from   the first day of the window, in the schedule's time zone
 * @param to     the last day (today)
 * @param growth one entry per day of the window, oldest first
 * @param sends  one entry per digest date with outbox rows in the window, newest first
 * @param returned the window's returned mail, by whether it was proven ours
 * @param runs   the latest runs of the daily job, newest first
 */
public record Report(Instant generatedAt, String timezone, int days, LocalDate from, LocalDate to, Readers readers,
                     List<GrowthDay> growth, List<SendDay> sends, Rates rates, Returned returned, List<RunLine> runs) {

    public Report {
        growth = List.copyOf(growth);
        sends = List.copyOf(sends);
        runs = List.copyOf(runs);
    }
}
