package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lets what papers are like settle what keywords leave open, on each day's papers alone (no labels,
 * no stored model): the papers the keywords place confidently make each topic's centroid, and then
 * <ul>
 *   <li>among the topics a paper's keywords gave it, the one whose papers it is most like leads when
 *       the evidence is close;</li>
 *   <li>a paper no keyword placed joins the topic whose papers it is most like, if it is like them
 *       enough (its reason says "close to papers on ...");</li>
 *   <li>a paper very like a topic's papers that its keywords missed gets that topic too, while it
 *       has fewer than {@link Classifier#MAX_TOPICS}.</li>
 * </ul>
 * Topics given this way are listed in {@link ClassifiedPaper#alike()}. The work is one pass over
 * the day's vectors for the centroids and one dot product per paper and topic.
 */
final class TopicLikeness {

    // Chosen on the five first arXiv days of ../shared/arxiv (TopicFamiliesOnArxivTest); not final
    // only so that tuning runs can vary them.
    /** The least keyword evidence of a paper whose vector joins its topic's centroid. */
    static double SEED_SCORE = 3;
    /** ... and how many times the second topic's evidence it must have. */
    static double SEED_MARGIN = 1.5;
    /** A batch of fewer papers is placed by keywords alone: a handful of papers says little about what a topic's are like. */
    static int MIN_PAPERS = 50;
    /** A topic with fewer seeds than this has no centroid and is placed by keywords alone. */
    static int MIN_SEEDS = 3;
    /** How much one unit of likeness (cosine to the centroid) counts against keyword evidence when choosing the best topic. */
    static double LIKENESS_WEIGHT = 5;
    /** The least cosine to a centroid for a paper no keyword placed to join that topic. */
    static double PLACE_SIMILARITY = 0.1;
    /** The least cosine to a centroid for a paper to get that topic beside its keyword ones. */
    static double ADD_SIMILARITY = 0.15;
    /** How many of the topics a paper is most like may be added beside its keyword ones. */
    static int ADD_NEAREST = 2;


    private final Taxonomy taxonomy;

    TopicLikeness(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /**
     * @param keyword each paper's topics by keywords
     * @param scores  each paper's keyword evidence per topic (weighted as the classifier compares it)
     * @param vectors each paper's unit-length vector
     */
    List<ClassifiedPaper> place(List<ClassifiedPaper> keyword, double[][] scores, float[][] vectors) {
        if (keyword.size() < MIN_PAPERS) {
            return keyword;
        }
        int topics = taxonomy.topics().size();
        float[][] centroids = centroids(keyword, scores, vectors, topics);
        List<ClassifiedPaper> placed = new ArrayList<>(keyword.size());
        for (int i = 0; i < keyword.size(); i++) {
            double[] likeness = new double[topics];
            for (int t = 0; t < topics; t++) {
                likeness[t] = centroids[t] == null ? Double.NaN : PaperVectors.dot(vectors[i], centroids[t]);
            }
            placed.add(place(keyword.get(i), scores[i], likeness));
        }
        return placed;
    }

    private float[][] centroids(List<ClassifiedPaper> keyword, double[][] scores, float[][] vectors, int topics) {
        float[][] sums = new float[topics][];
        int[] seeds = new int[topics];
        for (int i = 0; i < keyword.size(); i++) {
            int best = index(keyword.get(i).topic());
            if (best < 0 || scores[i][best] < SEED_SCORE || scores[i][best] < SEED_MARGIN * second(scores[i], best)) {
                continue;
            }
            float[] sum = sums[best] == null ? sums[best] = new float[vectors[i].length] : sums[best];
            for (int d = 0; d < sum.length; d++) {
                sum[d] += vectors[i][d];
            }
            seeds[best]++;
        }
        for (int t = 0; t < topics; t++) {
            if (seeds[t] < MIN_SEEDS) {
                sums[t] = null;
            } else {
                PaperVectors.normalise(sums[t]);
            }
        }
        return sums;
    }

    private static double second(double[] scores, int best) {
        double second = 0;
        for (int t = 0; t < scores.length; t++) {
            if (t != best) {
                second = Math.max(second, scores[t]);
            }
        }
        return second;
    }

    private ClassifiedPaper place(ClassifiedPaper c, double[] scores, double[] likeness) {
        int nearest = -1;
        for (int t = 0; t < likeness.length; t++) {
            if (!Double.isNaN(likeness[t]) && (nearest < 0 || likeness[t] > likeness[nearest])) {
                nearest = t;
            }
        }
        if (nearest < 0) {
            return c;
        }
        if (c.topic() == null) {
            return likeness[nearest] < PLACE_SIMILARITY ? c
                    : new ClassifiedPaper(c.paper(), taxonomy.topics().get(nearest), 0, List.of(), List.of(),
                            Set.of(taxonomy.topics().get(nearest).slug()));
        }
        List<ClassifiedPaper.TopicMatch> all = new ArrayList<>();
        all.add(new ClassifiedPaper.TopicMatch(c.topic(), c.topicScore(), c.matches()));
        all.addAll(c.also());
        Comparator<ClassifiedPaper.TopicMatch> order = Comparator.comparingDouble(m -> -combined(scores, likeness, index(m.topic())));
        all.sort(order.thenComparingInt(m -> index(m.topic())));
        Set<String> alike = new HashSet<>();
        for (int t : nearestFirst(likeness, ADD_NEAREST)) {
            Topic near = taxonomy.topics().get(t);
            if (likeness[t] >= ADD_SIMILARITY && all.size() < Classifier.MAX_TOPICS
                    && all.stream().noneMatch(m -> m.topic().slug().equals(near.slug()))) {
                all.add(new ClassifiedPaper.TopicMatch(near, 0, List.of()));
                alike.add(near.slug());
            }
        }
        ClassifiedPaper.TopicMatch best = all.get(0);
        return new ClassifiedPaper(c.paper(), best.topic(), best.score(), best.matches(), all.subList(1, all.size()), alike);
    }

    /** The {@code n} topics the paper is most like, nearest first. */
    private static int[] nearestFirst(double[] likeness, int n) {
        return java.util.stream.IntStream.range(0, likeness.length).filter(t -> !Double.isNaN(likeness[t])).boxed()
                .sorted(Comparator.comparingDouble(t -> -likeness[t])).limit(n).mapToInt(Integer::intValue).toArray();
    }

    private static double combined(double[] scores, double[] likeness, int topic) {
        return scores[topic] + (Double.isNaN(likeness[topic]) ? 0 : LIKENESS_WEIGHT * likeness[topic]);
    }

    private int index(Topic topic) {
        return topic == null ? -1 : taxonomy.topics().indexOf(topic);
    }
}
