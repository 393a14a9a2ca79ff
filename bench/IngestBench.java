import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;

/**
 * Loads the given sources through Paperboy's PaperLoader several times and reports MB/s,
 * papers/s and the peak heap. Run by bench/ingest.sh; not part of the test suite.
 */
public class IngestBench {

    public static void main(String[] args) throws Exception {
        String label = args[0];
        List<String> sources = List.of(args).subList(1, args.length);
        long bytes = 0;
        for (String s : sources) {
            Path p = Path.of(s);
            try (Stream<Path> files = Files.isDirectory(p) ? Files.list(p) : Stream.of(p)) {
                bytes += files.mapToLong(f -> f.toFile().length()).sum();
            }
        }
        PaperLoader loader = new PaperLoader(PapersConfig.DEFAULTS);
        LocalDate asOf = LocalDate.of(2026, 11, 22);
        for (int i = 0; i < 15; i++) {
            loader.load(sources, asOf); // warm-up: let the JIT compile the parsers
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        int runs = 10;
        double best = Double.MAX_VALUE;
        PaperLoader.Loaded loaded = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            loaded = loader.load(sources, asOf);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long retained = rt.totalMemory() - rt.freeMemory(); // what the loaded papers keep, after a full GC
        double mb = bytes / 1e6;
        System.out.printf("%-28s %8.1f MB %7d entries %6d papers  %7.1f MB/s %10.0f entries/s  peak heap %3.0f MB, retained %4.1f MB (-Xmx%dm)%n",
                label, mb, loaded.entries(), loaded.papers().size(), mb / best, loaded.entries() / best, peak / 1e6,
                retained / 1e6, rt.maxMemory() >> 20);
        if (loaded.papers().isEmpty()) {
            throw new IllegalStateException("nothing loaded");
        }
    }
}
