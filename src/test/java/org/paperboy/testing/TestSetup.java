package org.paperboy.testing;

import java.nio.file.Path;
import java.util.List;
import org.paperboy.app.PaperboyConfig;
import org.paperboy.delivery.DeliveryConfig;
import org.paperboy.digest.EmailConfig;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.papers.PapersConfig;
import org.paperboy.ranking.DigestConfig;
import org.paperboy.ranking.RankingConfig;
import org.paperboy.schedule.ScheduleConfig;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.subscribers.TokensConfig;
import org.paperboy.web.WebConfig;

/** Configurations for tests: everything under a temporary folder, real servers on loopback. */
public final class TestSetup {

    public static final String SECRET = "test-secret-0123456789abcdef";

    private TestSetup() {
    }

    /** The embedded database: an SQLite file in the folder. */
    public static String sqliteUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("paperboy.db").toAbsolutePath();
    }

    /**
     * @param smtpPort a GreenMail port, or null to write mail to {@code dir/outbox}
     * @param dbUrl    a JDBC URL, or null for an SQLite file under {@code dir}
     */
    public static PaperboyConfig config(Path dir, Integer smtpPort, String dbUrl) {
        return config(dir, smtpPort, dbUrl, DigestConfig.DEFAULTS);
    }

    public static PaperboyConfig config(Path dir, Integer smtpPort, String dbUrl, DigestConfig digest) {
        return config(dir, smtpPort, dbUrl, digest, ScheduleConfig.DEFAULTS);
    }

    public static PaperboyConfig config(Path dir, Integer smtpPort, String dbUrl, DigestConfig digest, ScheduleConfig schedule) {
        // generous timeouts: the SMTP servers are the tests' own, on a machine that may be busy; no test waits them out
        SmtpConfig smtp = new SmtpConfig(smtpPort == null ? null : "127.0.0.1", smtpPort, "none", null, null, 30, 60, 60,
                "digest@paperboy.test", "Paperboy Test", null, null, 2, null, null, dir.resolve("outbox").toString());
        return new PaperboyConfig(new PapersConfig(List.of("seeds/"), null),
                new RankingConfig("config/topics.yaml", null, null, null, null), digest,
                new EmailConfig("templates", null, null, null, null, "https://news.paperboy.test"),
                smtp, new DeliveryConfig(null, 1, null, 20, 2, null, 10, null, null),
                new DatabaseConfig(dbUrl == null ? sqliteUrl(dir) : dbUrl, null, null, 4), new TokensConfig(SECRET),
                new WebConfig(true, "127.0.0.1", 0, null, null), schedule);
    }
}
