package org.paperboy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paperboy.admin.AdminConfig;
import org.paperboy.app.ConfigLoader;
import org.paperboy.app.PaperboyConfig;
import org.paperboy.bounces.BouncesConfig;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.ranking.DigestConfig;
import org.paperboy.ranking.RankingConfig;
import org.paperboy.schedule.ScheduleConfig;
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
        return load(yaml(dir, smtpPort, dbUrl, digest, schedule));
    }

    /**
     * The tests' config with the given sections (YAML, as in paperboy.yaml) in place of its own
     * sections of the same names, or added to it; read by the loader.
     */
    public static PaperboyConfig config(Path dir, Integer smtpPort, String dbUrl, String sections) {
        Map<String, String> merged = sections(yaml(dir, smtpPort, dbUrl, DigestConfig.DEFAULTS, ScheduleConfig.DEFAULTS));
        merged.putAll(sections(sections));
        return load(String.join("\n", merged.values()) + "\n");
    }

    /** A YAML file's top-level sections by name, each with its own lines. */
    private static Map<String, String> sections(String yaml) {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        for (String line : yaml.stripIndent().lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                int colon = line.indexOf(':');
                name = colon < 1 ? null : line.substring(0, colon).strip();
                if (name == null || sections.containsKey(name)) {
                    throw new IllegalArgumentException("not a new section: " + line);
                }
                sections.put(name, line);
            } else if (name == null) {
                throw new IllegalArgumentException("a key outside any section: " + line);
            } else {
                sections.merge(name, line, (a, b) -> a + "\n" + b);
            }
        }
        return sections;
    }

    /**
     * The tests' {@code smtp} section: GreenMail on loopback at that port, or the folder outbox
     * {@code dir/outbox} when the port is null; more keys may follow, indented two spaces.
     */
    public static String smtpSection(Path dir, Integer smtpPort) {
        // generous timeouts: the SMTP servers are the tests' own, on a machine that may be busy; no test waits them out
        return """
                smtp:
                %s  security: none
                  connectTimeoutSeconds: 30
                  readTimeoutSeconds: 60
                  writeTimeoutSeconds: 60
                  fromAddress: "digest@paperboy.test"
                  fromName: "Paperboy Test"
                  connections: 2
                  outbox: %s
                """.formatted(smtpPort == null ? "" : "  host: \"127.0.0.1\"\n  port: " + smtpPort + "\n", quote(dir.resolve("outbox").toString()));
    }

    private static String yaml(Path dir, Integer smtpPort, String dbUrl, DigestConfig digest, ScheduleConfig schedule) {
        return """
                papers:
                  sources: ["seeds/"]
                ranking:
                  topicsFile: %s
                %s
                email:
                  templates: %s
                  publicBaseUrl: "https://news.paperboy.test"
                %sdelivery:
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
                """.formatted(quote(Path.of("config/topics.yaml").toAbsolutePath().toString()), section("digest", digest),
                quote(Path.of("templates").toAbsolutePath().toString()), smtpSection(dir, smtpPort), quote(dbUrl == null ? sqliteUrl(dir) : dbUrl), SECRET,
                section("schedule", schedule));
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
        return only("smtp", lines).smtp();
    }

    /**
     * A config of one section, its lines as in paperboy.yaml (one {@code key: value} a line, or a
     * flow mapping such as {@code {cron: "0 0 8 * * ?", timezone: UTC}}), every other at its default.
     */
    private static PaperboyConfig only(String section, String lines) {
        return load(section + ":\n" + lines.indent(2));
    }

    /** The {@code digest} section written as in paperboy.yaml, read by the loader. */
    public static DigestConfig digest(String lines) {
        return only("digest", lines).digest();
    }

    /** The {@code ranking} section written as in paperboy.yaml, read by the loader. */
    public static RankingConfig ranking(String lines) {
        return only("ranking", lines).ranking();
    }

    /** The {@code web} section written as in paperboy.yaml, read by the loader. */
    public static WebConfig web(String lines) {
        return only("web", lines).web();
    }

    /** The {@code schedule} section written as in paperboy.yaml, read by the loader. */
    public static ScheduleConfig schedule(String lines) {
        return only("schedule", lines).schedule();
    }

    /** The {@code admin} section written as in paperboy.yaml, read by the loader. */
    public static AdminConfig admin(String lines) {
        return only("admin", lines).admin();
    }

    /** The {@code bounces} section written as in paperboy.yaml, read by the loader. */
    public static BouncesConfig bounces(String lines) {
        return only("bounces", lines).bounces();
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
