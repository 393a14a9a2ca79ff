import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.paperboy.app.ConfigLoader;
import org.paperboy.app.Paperboy;
import org.paperboy.app.PaperboyConfig;

/**
 * Admin page benchmark (issue 23): N readers synthesised in the embedded SQLite file with one SQL
 * statement (a recursive CTE: statuses, frequencies, topics from the taxonomy, join times over three
 * years, one address in a thousand "bob…@example.net"), then the jar's own `serve` with the admin
 * pages, and the time of whole pages over HTTP (query, render, answer), as an operator's browser
 * waits for them: the dashboard (30 days of statistics; it must show the confirmed readers made), then
 * the first page and a page deep in the list (keyset: the readers below the middle id, as "Older"
 * reaches them) for no filter, a status, a topic, the search "bob", and a search that matches nobody
 * (the whole table read). Each is asked 3 times; the slowest must be under 1 s.
 * Run by bench/admin.sh.
 */
public class AdminBench {

    static final String PASSWORD = "bench-admin-password";
    static final Pattern ROW = Pattern.compile("<tr><td><a href=\"/admin/reader\\?email=");

    public static void main(String[] args) throws Exception {
        int readers = Integer.parseInt(args[0]);
        String jar = args[1];
        Path work = Path.of("bench/work/admin").toAbsolutePath();
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(work);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path config = Files.writeString(work.resolve("paperboy.yaml"), """
                papers: {sources: [seeds/]}
                email: {publicBaseUrl: "https://news.paperboy.test"}
                smtp: {outbox: "%s/outbox"}
                database: {url: "jdbc:sqlite:%s/paperboy.db"}
                tokens: {secret: bench-secret-0123456789abcdef}
                web: {enabled: true, host: 127.0.0.1, port: %d}
                """.formatted(work, work, port));
        PaperboyConfig cfg = ConfigLoader.load(config, Map.of());
        long t0 = System.nanoTime();
        long count;
        long confirmed;
        try (Paperboy paperboy = Paperboy.wire(cfg)) {
            long[] counts = paperboy.database().transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TEMP TABLE bench_topic (i INTEGER PRIMARY KEY, slug TEXT NOT NULL)");
                    List<String> slugs = paperboy.topicSlugs();
                    for (int i = 0; i < slugs.size(); i++) {
                        s.execute("INSERT INTO bench_topic VALUES (" + i + ", '" + slugs.get(i).replace("'", "''") + "')");
                    }
                    int topics = slugs.size();
                    // created_at as Paperboy binds an instant in SQLite: milliseconds; 2024-01-01 plus up to 3 years, in id order
                    s.executeUpdate("""
                            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                            INSERT INTO subscriber (id, email, email_key, status, topics, keywords, frequency, created_at, confirmed_at,
                                                    unsubscribed_at, unsubscribe_reason, hard_bounces, consent_source, consent_text_version,
                                                    consent_at)
                            SELECT i, e, lower(e), st,
                                   CASE i %% 3 WHEN 0 THEN '' WHEN 1 THEN (SELECT slug FROM bench_topic WHERE bench_topic.i = n.i %% %d)
                                        ELSE (SELECT slug FROM bench_topic WHERE bench_topic.i = n.i %% %d) || ','
                                             || (SELECT slug FROM bench_topic WHERE bench_topic.i = (n.i / %d) %% %d) END,
                                   '', CASE WHEN i %% 5 = 0 THEN 'weekly' ELSE 'daily' END,
                                   t, CASE WHEN st = 'pending' THEN NULL ELSE t + 60000 END,
                                   CASE WHEN st = 'unsubscribed' THEN t + 86400000 END,
                                   CASE WHEN st = 'unsubscribed' THEN CASE WHEN i %% 1000 = 7 THEN 'complaint' ELSE 'user' END END,
                                   CASE WHEN st = 'bounced' THEN 2 ELSE 0 END, 'web', 'v1', t
                            FROM (SELECT i,
                                         CASE WHEN i %% 1000 = 0 THEN 'Bob' || i || '@example.net' ELSE 'reader' || i || '@example.org' END AS e,
                                         CASE WHEN i %% 100 < 85 THEN 'confirmed' WHEN i %% 100 < 90 THEN 'pending'
                                              WHEN i %% 100 < 97 THEN 'unsubscribed' ELSE 'bounced' END AS st,
                                         1704067200000 + i * (94608000000 / %d) AS t
                                  FROM n) n
                            """.formatted(readers, topics, topics, topics, topics, readers));
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(status = 'confirmed') FROM subscriber")) {
                        rs.next();
                        return new long[] {rs.getLong(1), rs.getLong(2)};
                    }
                }
            });
            count = counts[0];
            confirmed = counts[1];
        }
        System.out.printf("set-up: %,d readers in the database (asked for %,d), synthesised in %.1f s%n", count, readers,
                (System.nanoTime() - t0) / 1e9);
        if (count != readers) {
            System.out.println("FAIL: the set-up did not make the readers asked for");
            System.exit(1);
        }

        ProcessBuilder serveCommand = new ProcessBuilder("java", "-XX:+UseSerialGC", "-jar", jar, "serve", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("serve.log").toFile());
        serveCommand.environment().put("PAPERBOY_ADMIN_PASSWORD", PASSWORD);
        Process serve = serveCommand.start();
        boolean slow = false;
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            waitFor(http, base, auth, serve);
            // the dashboard: the stats report of 30 days (readers by status and frequency, each day's joins and departures)
            List<Long> dashboard = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/admin")).header("Authorization", auth).build(),
                        HttpResponse.BodyHandlers.ofString());
                dashboard.add((System.nanoTime() - start) / 1_000_000);
                if (answer.statusCode() != 200 || !answer.body().contains("<div class=\"figure\">" + confirmed + "</div>")) {
                    throw new IllegalStateException("/admin: HTTP " + answer.statusCode() + " without the " + confirmed + " confirmed readers");
                }
            }
            long worstDashboard = dashboard.stream().mapToLong(Long::longValue).max().orElseThrow();
            slow |= worstDashboard >= 1000;
            System.out.printf("%-24s %-10s %6s %s%s%n", "dashboard (30 days)", "/admin", "", dashboard, worstDashboard >= 1000 ? "  OVER 1 s" : "");
            long middle = readers / 2;
            String[][] cases = {
                    {"no filter", ""},
                    {"status confirmed", "status=confirmed"},
                    {"status bounced", "status=bounced"},
                    {"topic llm", "topic=llm"},
                    {"weekly, topic rl", "frequency=weekly&topic=rl"},
                    {"search \"bob\"", "q=bob"},
                    {"search matching nobody", "q=nobody-has-this"},
            };
            System.out.printf("%-24s %-10s %6s %s%n", "list", "page", "rows", "ms (3 tries)");
            for (String[] c : cases) {
                for (String page : new String[] {"first", "deep"}) {
                    String query = c[1] + (page.equals("deep") ? (c[1].isEmpty() ? "" : "&") + "after=" + middle : "");
                    List<Long> ms = new ArrayList<>();
                    int rows = 0;
                    for (int i = 0; i < 3; i++) {
                        long start = System.nanoTime();
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/readers?" + query))
                                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
                        ms.add((System.nanoTime() - start) / 1_000_000);
                        if (answer.statusCode() != 200 && answer.statusCode() != 404) {
                            throw new IllegalStateException(query + ": HTTP " + answer.statusCode());
                        }
                        rows = count(ROW.matcher(answer.body()));
                    }
                    long worst = ms.stream().mapToLong(Long::longValue).max().orElseThrow();
                    slow |= worst >= 1000;
                    System.out.printf("%-24s %-10s %6d %s%s%n", c[0], page, rows, ms, worst >= 1000 ? "  OVER 1 s" : "");
                }
            }
        } finally {
            serve.destroy();
            serve.waitFor();
        }
        System.out.println(slow ? "FAIL: a page took 1 s or more" : "ok: every page under 1 s");
        System.exit(slow ? 1 : 0);
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void waitFor(HttpClient http, String base, String auth, Process serve) throws Exception {
        long until = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until) {
            if (!serve.isAlive()) {
                throw new IllegalStateException("serve stopped: see bench/work/admin/serve.log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/readers?size=1")).header("Authorization", auth)
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("serve did not answer within 2 minutes");
    }
}
