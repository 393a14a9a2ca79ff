package org.paperboy.ranking;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.paperboy.ConfigException;
import org.paperboy.papers.Paper;

/**
 * What a paper is like, as a unit-length vector: computed once per paper per day (never per
 * reader), so a reader's taste is a sum of a few of them and a paper's fit to it one dot product.
 * The default representation is TF-IDF over Lucene's English stems of the title (counted twice)
 * and the abstract, hashed with a sign into {@link #TFIDF_DIMENSIONS} dimensions (a random
 * projection that keeps dot products) and normalised. The document frequencies are those of the
 * day's batch. Vectors of different {@link #model()}s must not be compared.
 */
public final class PaperVectors {

    /** The {@code ranking.representation} of the default. */
    public static final String TFIDF = "tfidf";
    static final int TFIDF_DIMENSIONS = 512;
    private static final int TITLE_REPEAT = 2;

    private final String model;
    private final Function<List<Paper>, float[][]> encoder;

    /**
     * A representation of one's own (the benchmarks plug a sentence-embedding model in this way).
     *
     * @param model   names the representation and its version; stored with each vector
     * @param encoder the unit-length vectors of a batch of papers, in order
     */
    public PaperVectors(String model, Function<List<Paper>, float[][]> encoder) {
        this.model = model;
        this.encoder = encoder;
    }

    /** The representation {@code ranking.representation} names. */
    public static PaperVectors named(String representation) {
        if (representation == null || representation.isBlank() || representation.equals(TFIDF)) {
            return tfidf();
        }
        throw new ConfigException("ranking.representation must be \"" + TFIDF + "\", got \"" + representation + "\"");
    }

    /** Hashed TF-IDF of stems, {@value #TFIDF_DIMENSIONS} dimensions. */
    public static PaperVectors tfidf() {
        return tfidf(TFIDF_DIMENSIONS);
    }

    static PaperVectors tfidf(int dimensions) {
        return new PaperVectors("tfidf-hash" + dimensions + "-v1", papers -> tfidf(papers, dimensions));
    }

    /** The name of the representation, e.g. {@code tfidf-hash512-v1}: the {@code model} a stored vector is kept under. */
    public String model() {
        return model;
    }

    /** One unit-length vector per paper, in order; a paper without words gets zeros. */
    public float[][] vectors(List<Paper> papers) {
        float[][] vectors = encoder.apply(papers);
        if (vectors.length != papers.size()) {
            throw new IllegalStateException(model + " gave " + vectors.length + " vectors for " + papers.size() + " papers");
        }
        return vectors;
    }

    /** The day's classified papers' vectors, in order. */
    public float[][] vectors(Classified classified) {
        return vectors(classified.papers().stream().map(ClassifiedPaper::paper).toList());
    }

    /** A vector as bytes to store: little-endian 32-bit floats. */
    public static byte[] encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    /** The vector {@link #encode} stored. */
    public static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a stored paper vector has a multiple of 4 bytes, got " + bytes.length);
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** The dot product; four sums side by side, which even the client compiler of the package's JVM options runs fast. */
    static double dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = Math.min(a.length, b.length);
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static float[][] tfidf(List<Paper> papers, int dimensions) {
        TermAnalyzer analyzer = new TermAnalyzer();
        List<String[]> titles = new java.util.ArrayList<>(papers.size());
        List<String[]> abstracts = new java.util.ArrayList<>(papers.size());
        for (Paper paper : papers) {
            titles.add(analyzer.stems(paper.title()));
            abstracts.add(analyzer.stems(paper.abstractText()));
        }
        return tfidf(titles, abstracts, dimensions);
    }

    /** The default representation of the papers whose stems the classifier already has: the same vectors as {@link #tfidf()}'s. */
    static float[][] tfidfOf(List<PaperTerms> terms) {
        return tfidf(terms.stream().map(PaperTerms::title).toList(), terms.stream().map(PaperTerms::abstractText).toList(), TFIDF_DIMENSIONS);
    }

    private static float[][] tfidf(List<String[]> titles, List<String[]> abstracts, int dimensions) {
        List<Map<String, Integer>> counts = new java.util.ArrayList<>(titles.size());
        Map<String, Integer> df = new HashMap<>();
        for (int i = 0; i < titles.size(); i++) {
            Map<String, Integer> tf = new HashMap<>();
            for (String stem : titles.get(i)) {
                tf.merge(stem, TITLE_REPEAT, Integer::sum);
            }
            for (String stem : abstracts.get(i)) {
                tf.merge(stem, 1, Integer::sum);
            }
            tf.keySet().forEach(stem -> df.merge(stem, 1, Integer::sum));
            counts.add(tf);
        }
        float[][] vectors = new float[titles.size()][];
        double n = titles.size();
        for (int p = 0; p < vectors.length; p++) {
            float[] v = new float[dimensions];
            counts.get(p).forEach((stem, tf) -> {
                int d = df.get(stem);
                if (d < 2 && n > 20) {
                    return; // a word no other paper of the day has tells nothing about likeness
                }
                double weight = (1 + Math.log(tf)) * Math.log((n + 1) / (d + 0.5));
                int hash = mix(stem.hashCode());
                v[Math.floorMod(hash, dimensions)] += (float) ((hash & 0x40000000) == 0 ? weight : -weight);
            });
            normalise(v);
            vectors[p] = v;
        }
        return vectors;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    static void normalise(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
    }
}
