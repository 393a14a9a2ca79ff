package org.paperboy.ranking;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.paperboy.papers.Paper;

/**
 * The signals a paper's score is made of, each between 0 and 1, and the reasons that explain
 * them to a reader. The subscriber's interest is added per preference set by {@link Ranker}.
 */
final class Signals {

    /** Places in the day's upvote order that a reason names ("#3 today"). */
    static final int RANKS_SHOWN = 10;

    private final LocalDate date;
    private final RankingConfig config;

    Signals(LocalDate date, RankingConfig config) {
        this.date = date;
        this.config = config;
    }

    /**
     * The community's order: most upvotes first, then the newest, then the general score. Topics
     * play no part, so a paper that matches none can still lead.
     */
    static int[] trendOrder(List<ClassifiedPaper> papers, double[] base) {
        Comparator<Integer> order = Comparator.<Integer>comparingInt(i -> {
            Integer up = papers.get(i).paper().upvotes();
            return up == null ? 0 : -up;
        }).thenComparing(i -> papers.get(i).paper().published(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparingDouble(i -> -base[i]).thenComparingInt(i -> i);
        return Variant.indices(papers.size()).stream().sorted(order).mapToInt(Integer::intValue).toArray();
    }

    /** The score before the subscriber's interest. */
    double base(ClassifiedPaper c) {
        RankingConfig.Weights w = config.weights();
        return w.upvotes() * upvotes(c.paper()) + w.recency() * recency(c.paper()) + w.relevance() * relevance(c);
    }

    /** Upvotes, log-scaled so 10 and 100 differ as much as 1 and 10. */
    double upvotes(Paper p) {
        if (p.upvotes() == null || p.upvotes() <= 0) {
            return 0;
        }
        return Math.min(1, Math.log1p(p.upvotes()) / Math.log1p(config.upvotesForFullScore()));
    }

    /** Halves every half-life of age; an undated paper scores 0. */
    double recency(Paper p) {
        if (p.published() == null) {
            return 0;
        }
        long age = Math.max(0, ChronoUnit.DAYS.between(p.published(), date));
        return Math.pow(0.5, age / config.recencyHalfLifeDays());
    }

    static double relevance(ClassifiedPaper c) {
        return Math.min(1, c.topicScore() / 10);
    }

    /**
     * The community's reasons, in words: its place among the day's most upvoted papers (for the
     * first {@link #RANKS_SHOWN}) and its upvotes, e.g. {@code #1 today · 163 upvotes}.
     *
     * @param trendRank the paper's place in the day's upvote order, from 1
     */
    static List<String> reasons(ClassifiedPaper c, int trendRank, String period) {
        List<String> reasons = new ArrayList<>(2);
        Paper p = c.paper();
        if (p.upvotes() != null && p.upvotes() > 0) {
            if (trendRank <= RANKS_SHOWN) {
                reasons.add("#" + trendRank + " " + period);
            }
            reasons.add(p.upvotes() + (p.upvotes() == 1 ? " upvote" : " upvotes"));
        }
        return reasons;
    }

    /** The detailed evidence for tuning: {@code world model (title), video (abstract)}. */
    static String terms(List<Match> matches) {
        return String.join(", ", matches.stream().map(Match::toString).toList());
    }

    /**
     * The most telling term, quoted for a reader: the longest one found where the strongest
     * evidence is (title, else keywords, else abstract), so "image restoration" wins over "image":
     * {@code mentions "world model"}; null when none.
     */
    static String mentions(List<Match> matches) {
        if (matches.isEmpty()) {
            return null;
        }
        Match.Field strongest = matches.get(0).field();
        Match best = matches.stream().filter(m -> m.field() == strongest)
                .max(Comparator.comparingInt((Match m) -> m.term().length()).thenComparing(m -> -matches.indexOf(m))).orElseThrow();
        return "mentions \"" + best.term() + "\"";
    }
}
