import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.paperboy.bounces.BounceParser;
import org.paperboy.bounces.BounceProcessor;
import org.paperboy.bounces.BouncesConfig;
import org.paperboy.bounces.LocalMail;
import org.paperboy.bounces.LocalSource;
import org.paperboy.bounces.ProcessSummary;
import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;

/**
 * Processes N returned mails from a maildir into a fresh SQLite file (issue 12); reports mails/s,
 * peak heap, and the ratio to its reference: parsing the same mails without the database.
 * The mails are this repository's MTA fixtures, one recipient each, 1 in 50 a reader. Run by bench/bounces.sh.
 */
public class BounceBench {

    static final List<String> FIXTURES = List.of("postfix-userunknown.eml", "postfix-mailboxfull.eml", "sendmail-hostunknown.eml",
            "exim-text.eml", "qmail-text.eml", "exchange-o365.eml", "gmail-text.eml", "yahoo-text.eml", "amazon-ses.eml",
            "messaging-server.eml", "opensmtpd-text.eml", "arf-complaint.eml", "autoreply.eml", "delayed-dsn.eml");

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path work = Path.of("bench/work/bounces");
        delete(work);
        Path maildir = generate(work.resolve("Maildir"), n);
        try (Database db = Database.open(new DatabaseConfig("jdbc:sqlite:" + work.toAbsolutePath().resolve("paperboy.db"), null, null, 2))) {
            readers(db, n / 50);
            double parseRate = parseOnly(maildir, n);
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            ProcessSummary summary = new BounceProcessor(db, BouncesConfig.DEFAULTS, "bounces+{verp}@paperboy.test",
                    token -> OptionalLong.empty(), Clock.systemUTC()).process(new LocalSource(maildir));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            check(summary.mails() == n && count(maildir.resolve("cur")) == n && events(db) == n,
                    "set-up: expected " + n + " mails processed, moved to cur/ and recorded: " + summary.line());
            System.out.printf("bounces process %,d mails: %.1f s = %,.0f mails/s; peak heap %.0f MB (-Xmx%dm); "
                    + "reference (parse only, no database) %,.0f mails/s, ratio %.2f%n  %s%n", n, seconds, n / seconds, peak / 1e6,
                    Runtime.getRuntime().maxMemory() >> 20, parseRate, (n / seconds) / parseRate, summary.line());
        }
    }

    private static Path generate(Path maildir, int n) throws Exception {
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        String[] templates = new String[FIXTURES.size()];
        for (int i = 0; i < templates.length; i++) {
            templates[i] = Files.readString(Path.of("src/test/resources/bounces", FIXTURES.get(i)));
        }
        for (int i = 0; i < n; i++) {
            String to = i % 50 == 0 ? "reader" + (i / 50) + "@example.org" : "stranger" + i + "@example.net";
            String text = templates[i % templates.length].replace("{{to}}", to).replace("{{verp}}", "bounces+x=example.net@paperboy.test")
                    .replace("{{msgid}}", "digest" + i + "@paperboy.test").replaceFirst("(?im)^(Message-ID: <)", "$1" + i + ".");
            Files.writeString(maildir.resolve("new").resolve(String.format("%09d.M%d.bench", i, i)), text);
        }
        return maildir;
    }

    private static void readers(Database db, int count) {
        db.transaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO subscriber (email, email_key, status, created_at, consent_source,"
                    + " consent_text_version, consent_at) VALUES (?, ?, 'confirmed', CURRENT_TIMESTAMP, 'cli', 'v1', CURRENT_TIMESTAMP)")) {
                for (int i = 0; i < count; i++) {
                    ps.setString(1, "reader" + i + "@example.org");
                    ps.setString(2, "reader" + i + "@example.org");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static double parseOnly(Path maildir, int n) {
        BounceParser parser = new BounceParser();
        long start = System.nanoTime();
        int[] seen = {0};
        LocalMail.read(maildir, (name, raw) -> seen[0] += parser.parse(raw).reports().size() > 0 ? 1 : 0);
        check(seen[0] == n, "set-up: parsed " + seen[0] + " of " + n);
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static int events(Database db) {
        return db.transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(DISTINCT mail_key) FROM bounce_event")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static long count(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static void delete(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
