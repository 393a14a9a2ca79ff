package org.paperboy.ranking;

import org.paperboy.ConfigRange;

/**
 * The {@code ranking} section of the config.
 *
 * @param topicsFile          the taxonomy, {@code config/topics.yaml} by default
 * @param weights             how much each signal counts
 * @param recencyHalfLifeDays after this many days a paper's recency signal has halved
 * @param upvotesForFullScore the upvote count that earns the whole upvote signal (log-scaled)
 * @param minTopicScore       the least topic evidence for a paper to join a topic, else "More papers";
 *                            one title match scores 3, a keyword 2, an abstract mention 1 (+0.5 per repeat)
 * @param representation      what a paper is like, for readers' votes: {@code tfidf} (the only one built in)
 */
public record RankingConfig(String topicsFile, Weights weights, Double recencyHalfLifeDays, Integer upvotesForFullScore,
                            Double minTopicScore, String representation) {

    public static final RankingConfig DEFAULTS = new RankingConfig(null, null, null, null, null, null);

    public RankingConfig {
        representation = representation == null || representation.isBlank() ? PaperVectors.TFIDF : representation.strip();
        PaperVectors.named(representation);
        topicsFile = topicsFile == null || topicsFile.isBlank() ? "config/topics.yaml" : topicsFile;
        weights = weights == null ? Weights.DEFAULTS : weights;
        recencyHalfLifeDays = recencyHalfLifeDays == null ? 3.0 : recencyHalfLifeDays;
        upvotesForFullScore = ConfigRange.atLeast("ranking.upvotesForFullScore", upvotesForFullScore, 200, 1);
        minTopicScore = minTopicScore == null ? 2.0 : minTopicScore;
        if (recencyHalfLifeDays <= 0) {
            throw new IllegalArgumentException("ranking.recencyHalfLifeDays must be positive, got " + recencyHalfLifeDays);
        }
        if (minTopicScore < 0) {
            throw new IllegalArgumentException("ranking.minTopicScore must not be negative, got " + minTopicScore);
        }
    }

    /** The weight of each signal in a paper's score; each signal lies between 0 and 1. */
    public record Weights(Double upvotes, Double recency, Double relevance, Double interest) {

        static final Weights DEFAULTS = new Weights(null, null, null, null);

        public Weights {
            upvotes = check("upvotes", upvotes, 1.0);
            recency = check("recency", recency, 1.0);
            relevance = check("relevance", relevance, 0.5);
            interest = check("interest", interest, 1.5);
        }

        private static double check(String name, Double value, double fallback) {
            if (value == null) {
                return fallback;
            }
            if (value < 0 || value.isNaN() || value.isInfinite()) {
                throw new IllegalArgumentException("ranking.weights." + name + " must be a number of at least 0, got " + value);
            }
            return value;
        }
    }
}
