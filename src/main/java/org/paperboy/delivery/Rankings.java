package org.paperboy.delivery;

import java.time.LocalDate;
import org.paperboy.ranking.Ranker;

/**
 * The rankings a run needs, by date: the day's own for the date being planned, and those of
 * earlier dates whose pending messages are resumed (their digests are rebuilt from the papers
 * planned for them). Loading may fail for an earlier date; its messages then wait.
 */
public interface Rankings {

    /** The day's ranking. */
    Ranker daily(LocalDate date);

    /** The ranking of the week ending on the date, for weekly readers. */
    Ranker weekly(LocalDate date);
}
