import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.paperboy.subscribers.CsvImport;
import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;

/** Imports N generated subscribers from CSV into a fresh SQLite file; reports rows/s and peak heap. Run by bench/import.sh. */
public class ImportBench {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        Path work = Path.of("bench/work");
        Files.createDirectories(work);
        Path csv = work.resolve("subscribers-" + rows + ".csv");
        if (!Files.exists(csv)) {
            String[] topics = {"rl", "diffusion", "llm", "reasoning", "multimodal", "vision", "robotics", ""};
            try (BufferedWriter out = Files.newBufferedWriter(csv)) {
                out.write("email,topics,keywords\n");
                for (int i = 0; i < rows; i++) {
                    out.write("reader" + i + "@example" + (i % 97) + ".org," + topics[i % topics.length] + ","
                            + (i % 5 == 0 ? "protein folding" : "") + "\n");
                }
            }
        }
        Path dbDir = work.resolve("import-db");
        if (Files.exists(dbDir)) {
            try (Stream<Path> files = Files.walk(dbDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Database db = Database.open(new DatabaseConfig("jdbc:sqlite:" + dbDir.toAbsolutePath().resolve("paperboy.db"), null, null, 2))) {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            CsvImport.Report report = new CsvImport(db, List.of("rl", "diffusion", "llm", "reasoning", "multimodal", "vision",
                    "robotics")).run(csv, org.paperboy.subscribers.Status.CONFIRMED, Instant.now());
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("import %,d rows: %,d imported, %d rejected in %.1f s = %,.0f rows/s; peak heap %.0f MB (-Xmx%dm); CSV %.0f MB%n",
                    rows, report.imported(), report.rejected().size(), seconds, rows / seconds, peak / 1e6,
                    Runtime.getRuntime().maxMemory() >> 20, Files.size(csv) / 1e6);
        }
    }
}
