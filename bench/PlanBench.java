import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.paperboy.app.ConfigLoader;
import org.paperboy.app.Paperboy;
import org.paperboy.app.PaperboyConfig;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;

/**
 * Planning benchmark (issue 11): N confirmed readers over 300 preference sets (with -Dvoters=0.1, a
 * tenth of them with 10 votes each: issue 22), planned into the
 * outbox of the embedded database (or PostgreSQL, with a URL as second argument). The SMTP port is one
 * this benchmark holds and closes every connection on (no other server can be mailed), so the run
 * plans and then stops at once; the log line "planned" gives the planning rate.
 * Run by bench/plan.sh.
 */
public class PlanBench {

    public static void main(String[] args) throws Exception {
        int readers = Integer.parseInt(args[0]);
        Path work = Path.of("bench/work/plan");
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(work);
        String url = args.length > 1 ? args[1] : "jdbc:sqlite:" + work.toAbsolutePath().resolve("paperboy.db");
        // a port this benchmark holds: every connection is closed before the greeting, so the run
        // plans and then stops at once, and no other process on the machine can be mailed
        ServerSocket refuser = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        int closedPort = refuser.getLocalPort();
        Thread closer = new Thread(() -> {
            while (!refuser.isClosed()) {
                try {
                    refuser.accept().close();
                } catch (java.io.IOException e) {
                    // closed at the end of the run
                }
            }
        });
        closer.setDaemon(true);
        closer.start();
        Path config = Files.writeString(work.resolve("paperboy.yaml"), """
                papers: {sources: [seeds/]}
                smtp: {host: 127.0.0.1, port: %d, security: none, fromAddress: digest@paperboy.test}
                email: {publicBaseUrl: "https://news.paperboy.test"}
                database: {url: "%s"}
                tokens: {secret: bench-secret-0123456789abcdef}
                """.formatted(closedPort, url));
        PaperboyConfig cfg = ConfigLoader.load(config, java.util.Map.of());
        try (Paperboy paperboy = Paperboy.wire(cfg)) {
            List<String> topics = paperboy.topicSlugs();
            long t0 = System.nanoTime();
            paperboy.database().transaction(c -> {
                insertReaders(c, readers, topics);
                return null;
            });
            System.out.printf("inserted %,d readers in %.1f s%n", readers, (System.nanoTime() - t0) / 1e9);
            LocalDate day = LocalDate.of(2026, 11, 20);
            double voters = Double.parseDouble(System.getProperty("voters", "0"));
            if (voters > 0) {
                // every (1/voters)-th reader has voted 10 times on the day's papers: 7 "more", 3 "fewer"
                List<String> ids = new java.util.ArrayList<>(paperboy.ranker(List.of("seeds"), day).vectors().keySet());
                java.util.Random random = new java.util.Random(42);
                int every = (int) Math.round(1 / voters);
                int[] count = {0};
                paperboy.database().transaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO vote (subscriber_id, paper_id, direction, voted_at)"
                            + " SELECT id, ?, ?, ? FROM subscriber WHERE email_key = ? ON CONFLICT DO NOTHING")) {
                        for (int i = 0; i < readers; i += every) {
                            for (int v = 0; v < 10; v++) {
                                ps.setString(1, ids.get(random.nextInt(ids.size())));
                                ps.setInt(2, v < 7 ? 1 : -1);
                                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                                ps.setString(4, "reader" + i + "@example.org");
                                ps.addBatch();
                            }
                            count[0]++;
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
                System.out.printf("voters: %,d readers with 10 votes each%n", count[0]);
            }
            long start = System.nanoTime();
            DeliveryReport report = paperboy.send(paperboy.deliveryRun(), day, List.of("seeds"),
                    new DeliveryRun.Options(false, null, false, null));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("run: %,d planned, %d distinct digests, %.1f s in all (load, plan, publish, a refused connect)%n",
                    report.planned(), report.distinctDigests(), seconds);
        }
    }

    private static void insertReaders(Connection c, int readers, List<String> topics) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscriber (email, email_key, status, topics, keywords, frequency,"
                + " created_at, confirmed_at, consent_source, consent_text_version, consent_at) VALUES (?, ?, 'confirmed', ?, ?, 'daily',"
                + " ?, ?, 'import', 'v1', ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < readers; i++) {
                String email = "reader" + i + "@example.org";
                int set = i % 300;
                ps.setString(1, email);
                ps.setString(2, email);
                ps.setString(3, topics.get(set % topics.size()) + (set >= topics.size() ? "," + topics.get((set / 7) % topics.size()) : ""));
                ps.setString(4, set % 5 == 0 ? "protein folding" : "");
                ps.setTimestamp(5, now);
                ps.setTimestamp(6, now);
                ps.setTimestamp(7, now);
                ps.addBatch();
                if (i % 10_000 == 9_999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
