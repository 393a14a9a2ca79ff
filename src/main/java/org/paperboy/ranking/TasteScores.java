package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How much one reader's votes move each of the day's papers. Their taste is one vector (Rocchio):
 * the mean of the papers they liked less {@link #HIDDEN_SHARE} of the mean of those they hid. A
 * paper's fit is its dot product with it, standardised over the day; papers more than
 * {@link #THRESHOLD} deviations above rise (once the reader liked something), those as far below
 * sink, the rest keep their place. Whole topics move too: a topic whose papers' centroid fits the
 * taste well rises, one that fits it badly (a topic the reader hides) sinks, so a reader who hides
 * what the general digest leads with soon sees other subjects.
 * The work per reader is one sum of a few vectors and one dot product per paper of the day.
 */
final class TasteScores {

    // The constants were chosen on the arXiv days of ../shared/arxiv, votes on days 1-4 measured on
    // day 5 (TasteOnArxiv); they are not final only so that tuning runs (TasteOnArxiv.tune) can vary them.
    static double HIDDEN_SHARE = 0.5;
    /** Papers whose fit lies more than this many deviations above the day's mean rise. */
    static double THRESHOLD = 1.0;
    /** Papers whose fit lies more than this many deviations below the day's mean sink. */
    static double SINK_THRESHOLD = 1.0;
    /** The rise of a paper one deviation past the threshold, in units of the interest weight. */
    static double GAIN = 1.0;
    /** How far a topic whose centroid deviates by one from the other topics' moves its papers, in units of the interest weight. */
    static double TOPIC_GAIN = 1.0;
    /** Whether topics rise too (not only sink). */
    static boolean TOPIC_RISE = true;
    static final int TITLE_CHARS = 48;

    private final double[] adjustment;
    private final boolean[] alike;
    private final List<Vote> liked;
    private final List<float[]> likedVectors;
    private final DayVectors day;

    private TasteScores(double[] adjustment, boolean[] alike, List<Vote> liked, List<float[]> likedVectors, DayVectors day) {
        this.day = day;
        this.adjustment = adjustment;
        this.alike = alike;
        this.liked = liked;
        this.likedVectors = likedVectors;
    }

    /**
     * @param interest the interest weight, the unit of every move
     * @return null when the votes move nothing (none usable)
     */
    static TasteScores of(Taste taste, DayVectors day, double interest) {
        float[][] vectors = day.vectors();
        Map<String, Integer> byId = day.indexById();
        int[] topicOf = day.topicOf();
        float[][] centroids = day.centroids();
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
        if (liked.isEmpty() && hidden == 0) {
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
            fit[i] = day.dot(i, direction);
            sum += fit[i];
            squares += fit[i] * fit[i];
        }
        double mean = sum / vectors.length;
        double deviation = Math.sqrt(Math.max(0, squares / vectors.length - mean * mean));
        if (deviation == 0) {
            return null;
        }
        double[] adjustment = new double[vectors.length];
        boolean[] alike = new boolean[vectors.length];
        double[] topicShift = topicShift(direction, centroids, !liked.isEmpty(), mean, deviation);
        for (int i = 0; i < vectors.length; i++) {
            if (topicShift != null && topicOf[i] >= 0) {
                adjustment[i] += interest * TOPIC_GAIN * topicShift[topicOf[i]];
            }
            double z = (fit[i] - mean) / deviation;
            if (z > THRESHOLD && !liked.isEmpty()) {
                adjustment[i] += interest * GAIN * (z - THRESHOLD);
                alike[i] = true;
            } else if (z < -SINK_THRESHOLD) {
                adjustment[i] += interest * GAIN * (z + SINK_THRESHOLD);
            }
        }
        return new TasteScores(adjustment, alike, liked, likedVectors, day);
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

    /** Whether the paper itself is like what the reader liked (not only of a topic they like): then a reason says so. */
    boolean alike(int index) {
        return alike[index];
    }

    /** The title of the liked paper most like the day's paper, or null when the reader liked none with a title. */
    String mostLike(int paper) {
        int best = -1;
        double bestFit = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < likedVectors.size(); i++) {
            if (liked.get(i).title().isEmpty()) {
                continue;
            }
            double fit = day.dot(paper, likedVectors.get(i));
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
}
