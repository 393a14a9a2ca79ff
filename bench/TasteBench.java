import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.papers.Paper;
import org.paperboy.ranking.PaperVectors;
import org.paperboy.ranking.TasteOnArxiv;
import org.paperboy.ranking.TasteSimulation;

/**
 * Issue 22's comparison of paper representations on the arXiv days of ../shared/arxiv: the simulated
 * readers' shares (tuned window: votes on days 1-4, measured on day 5; held out: votes on days 1-5,
 * measured on 6-7; rotated: votes on days 3-7, measured on 1-2), time per paper, start-up time and heap.
 *   bash bench/taste.sh [tfidf|minilm-q|minilm]
 * The MiniLM models are not dependencies of Paperboy: bench/taste.sh puts langchain4j's jars on the
 * class path of this run only. Their vectors are cached in bench/work/taste/ so a second run is quick.
 */
public class TasteBench {

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "tfidf";
        long t0 = System.nanoTime();
        PaperVectors representation = name.equals("tfidf") ? PaperVectors.tfidf() : minilm(name);
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
        PaperVectors cached = name.equals("tfidf") ? representation : cached(representation);
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

    private static PaperVectors minilm(String name) throws Exception {
        String cls = name.equals("minilm-q")
                ? "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel"
                : "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel";
        Object model = Class.forName(cls).getConstructor().newInstance();
        java.lang.reflect.Method embed = model.getClass().getMethod("embed", String.class);
        return new PaperVectors("all-" + name + "-l6-v2", papers -> {
            float[][] out = new float[papers.size()][];
            for (int i = 0; i < out.length; i++) {
                Paper p = papers.get(i);
                try {
                    Object response = embed.invoke(model, p.title() + ". " + p.abstractText());
                    Object embedding = response.getClass().getMethod("content").invoke(response);
                    out[i] = (float[]) embedding.getClass().getMethod("vector").invoke(embedding);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot embed " + p.id(), e);
                }
            }
            return out;
        });
    }

    /** The representation with its vectors kept on disk by paper id. */
    private static PaperVectors cached(PaperVectors representation) throws IOException {
        Path file = Path.of("bench/work/taste/" + representation.model() + ".bin");
        Map<String, float[]> cache = new HashMap<>();
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String id = in.readUTF();
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    cache.put(id, PaperVectors.decode(bytes));
                }
            }
        }
        return new PaperVectors(representation.model(), papers -> {
            List<Paper> missing = new ArrayList<>();
            for (Paper p : papers) {
                if (!cache.containsKey(p.id())) {
                    missing.add(p);
                }
            }
            if (!missing.isEmpty()) {
                float[][] computed = representation.vectors(missing);
                for (int i = 0; i < computed.length; i++) {
                    cache.put(missing.get(i).id(), computed[i]);
                }
                try {
                    Files.createDirectories(file.getParent());
                    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
                        out.writeInt(cache.size());
                        for (Map.Entry<String, float[]> e : cache.entrySet()) {
                            out.writeUTF(e.getKey());
                            byte[] bytes = PaperVectors.encode(e.getValue());
                            out.writeInt(bytes.length);
                            out.write(bytes);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return papers.stream().map(p -> cache.get(p.id())).toArray(float[][]::new);
        });
    }
}
