package org.paperboy.ranking;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperboy.papers.Paper;

/**
 * The signals a paper's score is made of, each between 0 and 1, and the reasons that explain
 * them to a reader. The subscriber's interest is added per preference set by {@link Ranker}.
 */
final class Signals {

    private static final int MATCHES_SHOWN = 3;
    private static final int DAYS_SHOWN = 60;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private final LocalDate date;
    private final RankingConfig config;

    Signals(LocalDate date, RankingConfig config) {
        this.date = date;
        this.config = config;
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

    /** Why the paper is here: its topic evidence, its upvotes, its age. */
    List<String> reasons(ClassifiedPaper c) {
        List<String> reasons = new ArrayList<>(4);
        if (!c.matches().isEmpty()) {
            reasons.add(String.join(", ", c.matches().stream().limit(MATCHES_SHOWN).map(Match::toString).toList()));
        }
        Paper p = c.paper();
        if (p.upvotes() != null && p.upvotes() > 0) {
            reasons.add(p.upvotes() + (p.upvotes() == 1 ? " upvote" : " upvotes"));
        }
        if (p.published() != null) {
            reasons.add(age(p.published()));
        }
        return reasons;
    }

    private String age(LocalDate published) {
        long days = ChronoUnit.DAYS.between(published, date);
        if (days <= 0) {
            return "new today";
        }
        if (days < DAYS_SHOWN) {
            return days + (days == 1 ? " day old" : " days old");
        }
        return "from " + MONTH.format(published);
    }
}
