package org.paperboy.app;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.paperboy.delivery.Rankings;
import org.paperboy.ranking.Classified;
import org.paperboy.ranking.Ranker;

/**
 * The rankings of the sources by date, each built once: the day's, and the week's for weekly
 * readers (when no source is fetched by date, the week's papers are the day's, and the daily
 * ranking serves). It remembers how many papers each day's sources held, so a run can tell
 * "no papers" without loading them again.
 */
final class DayRankings implements Rankings {

    /** Builds a ranking from classified papers: the day's or the week's. */
    interface Build {
        Ranker rank(Classified classified, LocalDate date);
    }

    private final boolean byDate;
    private final BiFunction<Boolean, LocalDate, Classified> load;
    private final Build day;
    private final Build week;
    private final Map<LocalDate, Ranker> daily = new ConcurrentHashMap<>();
    private final Map<LocalDate, Ranker> weekly = new ConcurrentHashMap<>();
    private final Map<LocalDate, Integer> papers = new ConcurrentHashMap<>();

    /**
     * @param sources the sources named, whose {@code {date}} decides whether weeks are loaded apart
     * @param load    loads and classifies a date's papers: the week's when its first argument is true
     */
    DayRankings(List<String> sources, BiFunction<Boolean, LocalDate, Classified> load, Build day, Build week) {
        this.byDate = sources.stream().anyMatch(source -> source.contains("{date}"));
        this.load = load;
        this.day = day;
        this.week = week;
    }

    @Override
    public Ranker daily(LocalDate date) {
        return daily.computeIfAbsent(date, d -> {
            Classified classified = load.apply(false, d);
            papers.put(d, classified.papers().size());
            return day.rank(classified, d);
        });
    }

    @Override
    public Ranker weekly(LocalDate date) {
        return byDate ? weekly.computeIfAbsent(date, d -> week.rank(load.apply(true, d), d)) : daily(date);
    }

    /** True when the date's sources, loaded for its daily ranking, held no papers; loads them if not yet loaded. */
    boolean noPapers(LocalDate date) {
        daily(date);
        return papers.get(date) == 0;
    }
}
