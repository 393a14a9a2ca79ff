package org.paperboy.ranking;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The day's papers as vectors, computed once per run for every reader with votes: each paper's
 * vector, its index by id, its best topic, and the centroid of each topic's papers.
 *
 * @param nonZero   each paper's dimensions that are not 0 (a TF-IDF vector has about a fifth), so
 *                  a reader's fit to a paper costs that many multiplications
 * @param topicOf   each paper's best topic by keywords as an index into the taxonomy, -1 for none
 * @param centroids the normalised mean vector of each topic's papers (zeros for a topic without any)
 */
record DayVectors(float[][] vectors, int[][] nonZero, Map<String, Integer> indexById, int[] topicOf, float[][] centroids) {

    /** The dot product of the day's paper with a vector, over the paper's non-zero dimensions. */
    double dot(int paper, float[] vector) {
        float[] p = vectors[paper];
        float sum = 0;
        for (int d : nonZero[paper]) {
            sum += p[d] * vector[d];
        }
        return sum;
    }

    static DayVectors of(PaperVectors representation, Classified classified, Taxonomy taxonomy) {
        List<ClassifiedPaper> papers = classified.papers();
        float[][] vectors = classified.vectors() != null && representation.model().equals(PaperVectors.tfidf().model())
                ? classified.vectors() : representation.vectors(classified);
        List<Topic> topics = taxonomy.topics();
        Map<String, Integer> bySlug = new HashMap<>();
        for (int t = 0; t < topics.size(); t++) {
            bySlug.put(topics.get(t).slug(), t);
        }
        Map<String, Integer> indexById = new HashMap<>();
        int[] topicOf = new int[vectors.length];
        int[][] nonZero = new int[vectors.length][];
        float[][] centroids = new float[topics.size()][vectors.length == 0 ? 0 : vectors[0].length];
        for (int i = 0; i < vectors.length; i++) {
            indexById.put(papers.get(i).paper().id(), i);
            nonZero[i] = nonZero(vectors[i]);
            Topic topic = classified.keywordTopic(i);
            topicOf[i] = topic == null ? -1 : bySlug.getOrDefault(topic.slug(), -1);
            if (topicOf[i] >= 0) {
                for (int d = 0; d < vectors[i].length; d++) {
                    centroids[topicOf[i]][d] += vectors[i][d];
                }
            }
        }
        for (float[] centroid : centroids) {
            PaperVectors.normalise(centroid);
        }
        return new DayVectors(vectors, nonZero, Map.copyOf(indexById), topicOf, centroids);
    }

    private static int[] nonZero(float[] vector) {
        int n = 0;
        for (float v : vector) {
            n += v != 0 ? 1 : 0;
        }
        int[] dimensions = new int[n];
        for (int d = 0, k = 0; d < vector.length; d++) {
            if (vector[d] != 0) {
                dimensions[k++] = d;
            }
        }
        return dimensions;
    }
}
