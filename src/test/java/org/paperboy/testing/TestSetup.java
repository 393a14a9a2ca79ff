package org.paperboy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.paperboy.app.ConfigLoader;
import org.paperboy.app.PaperboyConfig;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.ranking.DigestConfig;
import org.paperboy.schedule.ScheduleConfig;

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
        return load("""
                papers:
                  sources: ["seeds/"]
                ranking:
                  topicsFile: "config/topics.yaml"
                %s
                email:
                  templates: "templates"
                  publicBaseUrl: "https://news.paperboy.test"
                smtp:
                %s  security: none
                  connectTimeoutSeconds: 30
                  readTimeoutSeconds: 60
                  writeTimeoutSeconds: 60
                  fromAddress: "digest@paperboy.test"
                  fromName: "Paperboy Test"
                  connections: 2
                  outbox: %s
                delivery:
                  initialBackoffSeconds: 1
                  waitInRunSeconds: 20
                  hardBounceThreshold: 2
                  claimBatch: 10
                database:
                  url: %s
                  poolSize: 4
                tokens:
                  secret: "%s"
                web:
                  enabled: true
                  host: "127.0.0.1"
                  port: 0
                %s
                """.formatted(section("digest", digest),
                smtpPort == null ? "" : "  host: \"127.0.0.1\"\n  port: " + smtpPort + "\n", quote(dir.resolve("outbox").toString()),
                quote(dbUrl == null ? sqliteUrl(dir) : dbUrl), SECRET, section("schedule", schedule)));
    }

    /**
     * A config read from YAML by the loader {@code paperboy -c FILE} uses, what it leaves out at its
     * defaults: tests build their configs as operators do.
     */
    public static PaperboyConfig load(String yaml) {
        try {
            Path file = Files.createTempFile("paperboy-test", ".yaml");
            try {
                Files.writeString(file, yaml);
                return ConfigLoader.load(file, Map.of());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code smtp} section written as in paperboy.yaml (one {@code key: value} a line), read by the loader. */
    public static SmtpConfig smtp(String lines) {
        return load("smtp:\n" + lines.indent(2)).smtp();
    }

    /** A section's values as YAML, from the record the loader would bind it to. */
    private static String section(String name, Record values) {
        StringBuilder yaml = new StringBuilder(name).append(":\n");
        try {
            for (RecordComponent c : values.getClass().getRecordComponents()) {
                Object v = c.getAccessor().invoke(values);
                if (v != null) {
                    yaml.append("  ").append(c.getName()).append(": ").append(v instanceof String text ? quote(text) : v).append('\n');
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return yaml.toString().stripTrailing();
    }

    /** A YAML double-quoted scalar. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
