package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How much one reader's votes move each of the day's papers. Their taste is one vector (Rocchio):
 * the mean of the papers they liked less {@link #HIDDEN_SHARE} of the mean of those they hid. A
 * paper's fit is its dot product with it, standardised over the day; papers more than
 * {@link #THRESHOLD} deviations above rise (once the reader liked something), those as far below
 * sink, the rest keep their place.
 * The work per reader is one sum of a few vectors and one dot product per paper of the day.
 */
final class TasteScores {

    static double HIDDEN_SHARE = 0.5;
    static double THRESHOLD = 1.0;
    static double SINK_THRESHOLD = 1.0;
    /** The rise of a paper one deviation past the threshold, in units of the interest weight. */
    static double GAIN = 1.0;
    /** Tastes with fewer usable votes than this move nothing. */
    private static final int MIN_VOTES = 1;

    private final double[] adjustment;
    private final List<Vote> liked;
    private final List<float[]> likedVectors;

    private TasteScores(double[] adjustment, List<Vote> liked, List<float[]> likedVectors) {
        this.adjustment = adjustment;
        this.liked = liked;
        this.likedVectors = likedVectors;
    }

    /**
     * @param vectors the day's paper vectors, in paper order
     * @param byId    the day's paper indices by id, for votes that came without a vector
     * @return null when the votes move nothing (none usable)
     */
    static TasteScores of(Taste taste, float[][] vectors, Map<String, Integer> byId, double interest) {
        return of(taste, vectors, byId, interest, null, null);
    }

    static double TOPIC_GAIN = 1.0;
    static boolean TOPIC_RISE = true;

    /**
     * @param topicOf     each paper's topic index in {@code centroids}, -1 for none; or null
     * @param centroids   the mean vector of each topic's papers of the day; or null
     */
    static TasteScores of(Taste taste, float[][] vectors, Map<String, Integer> byId, double interest, int[] topicOf,
                          float[][] centroids) {
        if (vectors.length == 0) {
            return null;
        }
        int dimensions = vectors[0].length;
        float[] likedSum = new float[dimensions];
        float[] hiddenSum = new float[dimensions];
        List<Vote> liked = new ArrayList<>();
        List<float[]> likedVectors = new ArrayList<>();
        int hidden = 0;
        for (Vote vote : taste.votes()) {
            float[] v = vote.vector();
            if (v == null || v.length != dimensions) {
                Integer index = byId.get(vote.paperId());
                v = index == null ? null : vectors[index];
            }
            if (v == null) {
                continue;
            }
            if (vote.more()) {
                add(likedSum, v);
                liked.add(vote);
                likedVectors.add(v);
            } else {
                add(hiddenSum, v);
                hidden++;
            }
        }
        if (liked.size() + hidden < MIN_VOTES) {
            return null;
        }
        float[] direction = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            direction[d] = (liked.isEmpty() ? 0 : likedSum[d] / liked.size())
                    - (hidden == 0 ? 0 : (float) HIDDEN_SHARE * hiddenSum[d] / hidden);
        }
        double[] fit = new double[vectors.length];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < vectors.length; i++) {
            fit[i] = PaperVectors.dot(vectors[i], direction);
            sum += fit[i];
            squares += fit[i] * fit[i];
        }
        double mean = sum / vectors.length;
        double deviation = Math.sqrt(Math.max(0, squares / vectors.length - mean * mean));
        if (deviation == 0) {
            return null;
        }
        double[] adjustment = new double[vectors.length];
        double[] topicShift = topicShift(direction, centroids, !liked.isEmpty(), mean, deviation);
        for (int i = 0; i < vectors.length; i++) {
            if (topicShift != null && topicOf[i] >= 0) {
                adjustment[i] += interest * TOPIC_GAIN * topicShift[topicOf[i]];
            }
            double z = (fit[i] - mean) / deviation;
            if (z > THRESHOLD && !liked.isEmpty()) {
                adjustment[i] += interest * GAIN * (z - THRESHOLD);
            } else if (z < -SINK_THRESHOLD) {
                adjustment[i] += interest * GAIN * (z + SINK_THRESHOLD);
            }
        }
        return new TasteScores(adjustment, liked, likedVectors);
    }

    /**
     * How the taste moves each topic of the day: its centroid's fit to the taste, standardised
     * over the topics. A topic rises only once the reader liked something and only when its
     * centroid would itself rise as a paper (so a taste unlike every topic lifts none of them).
     */
    private static double[] topicShift(float[] direction, float[][] centroids, boolean rise, double paperMean, double paperDeviation) {
        if (centroids == null || centroids.length < 2 || TOPIC_GAIN == 0) {
            return null;
        }
        double[] fit = new double[centroids.length];
        double sum = 0;
        double squares = 0;
        for (int t = 0; t < centroids.length; t++) {
            fit[t] = PaperVectors.dot(direction, centroids[t]);
            sum += fit[t];
            squares += fit[t] * fit[t];
        }
        double mean = sum / fit.length;
        double deviation = Math.sqrt(Math.max(0, squares / fit.length - mean * mean));
        if (deviation == 0) {
            return null;
        }
        for (int t = 0; t < fit.length; t++) {
            double z = (fit[t] - mean) / deviation;
            boolean rises = rise && TOPIC_RISE && (fit[t] - paperMean) / paperDeviation > THRESHOLD;
            fit[t] = rises ? z : Math.min(0, z);
        }
        return fit;
    }

    private static void add(float[] sum, float[] v) {
        for (int d = 0; d < sum.length; d++) {
            sum[d] += v[d];
        }
    }

    /** Whether the reader liked a paper we know the vector of: then papers rise, else they only sink. */
    boolean likes() {
        return !liked.isEmpty();
    }

    /** How far the paper moves: positive rises, negative sinks, 0 stays. */
    double adjustment(int index) {
        return adjustment[index];
    }

    /** The title of the liked paper most like this one, or null when the reader liked none. */
    String mostLike(float[] vector) {
        int best = -1;
        double bestFit = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < likedVectors.size(); i++) {
            if (liked.get(i).title().isEmpty()) {
                continue;
            }
            double fit = PaperVectors.dot(vector, likedVectors.get(i));
            if (fit > bestFit) {
                bestFit = fit;
                best = i;
            }
        }
        return best < 0 ? null : liked.get(best).title();
    }

    /**
     * A title short enough for a reason: the name before a colon when the title gives one
     * ("RobustDexGrasp: Robust Dexterous Grasping of General Objects" → "RobustDexGrasp"), else
     * the words that fit in {@value #TITLE_CHARS} characters followed by "…".
     */
    static String shortTitle(String title) {
        String t = title.strip().replaceAll("\\s+", " ");
        int colon = t.indexOf(':');
        if (colon >= 3 && colon <= TITLE_CHARS) {
            return t.substring(0, colon).strip();
        }
        if (t.length() <= TITLE_CHARS) {
            return t;
        }
        int cut = t.lastIndexOf(' ', TITLE_CHARS);
        return (cut > TITLE_CHARS / 2 ? t.substring(0, cut) : t.substring(0, TITLE_CHARS)).replaceAll("[\\s,;.-]+$", "") + "…";
    }

    static final int TITLE_CHARS = 48;
}
