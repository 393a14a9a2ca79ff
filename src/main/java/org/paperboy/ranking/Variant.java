package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The papers in score order for one preference set. Only the papers the preferences boost are
 * scored and sorted anew; the rest keep the general order, and the two are merged while walking.
 *
 * @param boosted     indices of boosted papers, best first
 * @param scores      every paper's score under these preferences
 * @param keywordHits for each boosted paper, the subscriber's keywords it matched (else null)
 * @param chosen      the chosen topic slugs
 * @param lead        the papers a personal lead ("Top papers for you") takes from, best first:
 *                    the boosted ones less those the reader's votes sink
 * @param taste       how the reader's votes move papers, or null without votes
 */
record Variant(ScoreOrder boosted, double[] scores, List<String>[] keywordHits, boolean[] isBoosted, Set<String> chosen,
               ScoreOrder lead, TasteScores taste) {

    Variant(int[] boosted, double[] scores, List<String>[] keywordHits, boolean[] isBoosted, Set<String> chosen) {
        this(ScoreOrder.of(boosted), scores, keywordHits, isBoosted, chosen, ScoreOrder.of(boosted), null);
    }

    /** Whether the digest is the reader's own: chosen topics or keywords, or papers they liked. */
    boolean personal(Preferences preferences) {
        return !preferences.isEmpty() || taste != null && taste.likes();
    }

    /**
     * The preference set's order moved by the reader's votes: only the papers the votes or the
     * preferences move are sorted anew, the rest keep the general order.
     */
    Variant withTaste(TasteScores taste) {
        double[] scores = this.scores.clone();
        boolean[] boosted = isBoosted.clone();
        int[] moved = new int[scores.length];
        int[] wanted = new int[scores.length];
        int m = 0;
        int w = 0;
        for (int i = 0; i < scores.length; i++) {
            double adjustment = taste.adjustment(i);
            scores[i] += adjustment;
            if (adjustment != 0 || boosted[i]) {
                moved[m++] = i;
                if (adjustment >= 0) {
                    wanted[w++] = i;
                }
            }
            boosted[i] |= adjustment != 0;
        }
        return new Variant(ScoreOrder.lazily(moved, m, scores), scores, keywordHits, boosted, chosen, ScoreOrder.lazily(wanted, w, scores),
                taste);
    }

    /** Walks every paper index in score order (ties by load order), calling the visitor until it returns false. */
    void walk(int[] baseOrder, java.util.function.IntPredicate visitor) {
        int b = 0;
        int g = 0;
        int length = boosted.length();
        while (b < length || g < baseOrder.length) {
            while (g < baseOrder.length && isBoosted[baseOrder[g]]) {
                g++;
            }
            int next;
            if (b < length && (g >= baseOrder.length || before(boosted.at(b), baseOrder[g]))) {
                next = boosted.at(b++);
            } else if (g < baseOrder.length) {
                next = baseOrder[g++];
            } else {
                break;
            }
            if (!visitor.test(next)) {
                return;
            }
        }
    }

    private boolean before(int a, int b) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    static int[] sortByScore(List<Integer> indices, double[] scores) {
        Integer[] boxed = indices.toArray(new Integer[0]);
        Arrays.sort(boxed, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    static List<String>[] emptyHits(int size) {
        @SuppressWarnings("unchecked")
        List<String>[] hits = new List[size];
        return hits;
    }

    static List<Integer> indices(int size) {
        List<Integer> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        return all;
    }
}
