import java.nio.file.Path;
import java.util.List;
import org.paperboy.papers.Paper;
import org.paperboy.ranking.CachedVectors;
import org.paperboy.ranking.PaperVectors;
import org.paperboy.ranking.TasteOnArxiv;
import org.paperboy.ranking.TasteSimulation;

/**
 * Issue 22's comparison of paper representations on the arXiv days of ../shared/arxiv: the simulated
 * readers' shares (tuned window: votes on days 1-4, measured on day 5; held out: votes on days 1-5,
 * measured on 6-7; rotated: votes on days 3-7, measured on 1-2), time per paper, start-up time and heap.
 *   bash bench/taste.sh [tfidf|minilm-q|minilm|e5-q]
 * The sentence embedding models (all-MiniLM-L6-v2, e5-small-v2) are not dependencies of Paperboy: bench/taste.sh puts langchain4j's jars on the
 * class path of this run only. Their vectors are cached in bench/work/taste/ so a second run is quick.
 */
public class TasteBench {

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "tfidf";
        long t0 = System.nanoTime();
        PaperVectors representation = name.equals("tfidf") ? PaperVectors.tfidf() : sentenceModel(name);
        double startup = (System.nanoTime() - t0) / 1e6;
        TasteSimulation probe = new TasteSimulation(TasteSimulation.SHARED, PaperVectors.tfidf());
        List<Paper> day = probe.papers(probe.days().get(1));
        int timed = Integer.getInteger("timed", day.size());
        day = day.subList(0, Math.min(timed, day.size()));
        representation.vectors(day.subList(0, Math.min(20, day.size()))); // warm-up
        long t1 = System.nanoTime();
        float[][] vectors = representation.vectors(day);
        double perPaper = (System.nanoTime() - t1) / 1e6 / day.size();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%s: %d dimensions; start-up %.0f ms; %.2f ms a paper (%d papers, uncached); heap in use %d MB%n",
                representation.model(), vectors[0].length, startup, perPaper, day.size(), (rt.totalMemory() - rt.freeMemory()) >> 20);
        PaperVectors cached = name.equals("tfidf") ? representation : CachedVectors.cached(representation, Path.of("bench/work/taste/" + representation.model() + ".bin"));
        TasteSimulation sim = new TasteSimulation(TasteSimulation.SHARED, cached);
        if (System.getProperty("show") != null) {
            TasteOnArxiv.show(sim, System.getProperty("show").equals("RO") ? TasteOnArxiv.ROBOTICS : TasteOnArxiv.SECURITY, System.out);
        }
        if (Boolean.getBoolean("grid")) {
            for (double gain : new double[] {1, 3}) {
                for (double threshold : new double[] {0.5, 1, 1.5}) {
                    for (double topicGain : new double[] {0, 0.5, 1}) {
                        for (boolean rise : new boolean[] {false, true}) {
                            TasteOnArxiv.tune(gain, threshold, 1, 0.5, topicGain, rise);
                            System.out.printf("gain %.1f threshold %.1f topic gain %.1f rise %s: RO %s | CR %s%n", gain, threshold, topicGain, rise,
                                    TasteOnArxiv.tuning(sim, TasteOnArxiv.ROBOTICS), TasteOnArxiv.tuning(sim, TasteOnArxiv.SECURITY));
                        }
                    }
                }
            }
            return;
        }
        if (System.getProperty("tune") != null) {
            String[] t = System.getProperty("tune").split(",");
            TasteOnArxiv.tune(Double.parseDouble(t[0]), Double.parseDouble(t[1]), Double.parseDouble(t[2]), Double.parseDouble(t[3]),
                    Double.parseDouble(t[4]), Boolean.parseBoolean(t[5]));
        }
        TasteOnArxiv.report(sim, System.out, Boolean.getBoolean("heldOut"));
    }

    private static PaperVectors sentenceModel(String name) throws Exception {
        String cls = switch (name) {
            case "minilm-q" -> "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel";
            case "e5-q" -> "dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel";
            default -> "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel";
        };
        String prefix = name.equals("e5-q") ? "query: " : "";
        Object model = Class.forName(cls).getConstructor().newInstance();
        java.lang.reflect.Method embed = model.getClass().getMethod("embed", String.class);
        return new PaperVectors(name.equals("e5-q") ? "e5-small-v2-q" : "all-" + name + "-l6-v2", papers -> {
            float[][] out = new float[papers.size()][];
            for (int i = 0; i < out.length; i++) {
                Paper p = papers.get(i);
                try {
                    Object response = embed.invoke(model, prefix + p.title() + ". " + p.abstractText());
                    Object embedding = response.getClass().getMethod("content").invoke(response);
                    out[i] = (float[]) embedding.getClass().getMethod("vector").invoke(embedding);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot embed " + p.id(), e);
                }
            }
            return out;
        });
    }
}
