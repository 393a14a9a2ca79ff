package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Every key of the config model that holds a secret, found by {@link ConfigKeys} (by reflection over
 * the model, not a list kept by hand), given a mistake in turn: its value never shows in what
 * {@code paperboy check} prints or logs, while the file and the key are named on one line.
 */
class SecretConfigKeysTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private AppenderBase<ILoggingEvent> capture;

    static Stream<String> secretKeys() {
        return ConfigKeys.secrets().stream();
    }

    /** A value no message has any other reason to contain. */
    private static String value(String key) {
        return "Zq7-" + key.replace('.', '-') + "-s3cr3t-value";
    }

    /** The key's last part mistyped: one letter dropped. */
    private static String typo(String name) {
        return name.substring(0, 1) + name.substring(2);
    }

    /** Formats what is logged as the shipped logback.xml does, stack traces included. */
    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var layout = ((PatternLayoutEncoder) ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR")).getEncoder()).getLayout();
        capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                logged.add(layout.doLayout(event));
            }
        };
        capture.setContext(context);
        capture.start();
        root.addAppender(capture);
    }

    @AfterEach
    void stopCapture() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(capture);
    }

    @Test
    void theModelsSecretsAreFoundByTheirNames() {
        assertThat(ConfigKeys.secrets()).contains("smtp.password", "database.password", "tokens.secret", "bounces.password",
                "admin.password");
        assertThat(ConfigKeys.secrets()).as("nothing that is not a secret").doesNotContain("smtp.username", "database.url",
                "smtp.host", "admin.username", "ranking.topicsFile");
        assertThat(ConfigKeys.all()).as("every secret the environment may give is a key of the model")
                .containsAll(ConfigLoader.SECRETS.values());
        assertThat(ConfigKeys.secretSections()).containsExactlyInAnyOrder("smtp", "database", "tokens", "bounces", "admin");
        for (String typo : List.of("pasword", "passwrd", "sercet", "secert", "tokne", "apiKey", "signingKey", "pwd", "credentials")) {
            assertThat(ConfigKeys.secret("x." + typo)).as(typo).isTrue();
        }
        for (String plain : List.of("host", "port", "username", "topics", "keywords", "poolSize", "sources")) {
            assertThat(ConfigKeys.secret("x." + plain)).as(plain).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("secretKeys")
    void aMistypedSecretKeyIsNamedButItsValueNeverShown(String key) throws IOException {
        String section = key.substring(0, key.indexOf('.'));
        String mistyped = typo(key.substring(key.indexOf('.') + 1));
        Path file = write(section + ":\n  " + mistyped + ": \"" + value(key) + "\"\n");
        refused(key, file, "unknown key \"" + section + "." + mistyped + "\"");
    }

    @ParameterizedTest
    @MethodSource("secretKeys")
    void aMistypedSecretKeyInASectionWithoutSecretsIsHiddenByItsName(String key) throws IOException {
        String mistyped = typo(key.substring(key.indexOf('.') + 1));
        Path file = write("web:\n  " + mistyped + ": \"" + value(key) + "\"\n");
        refused(key, file, "unknown key \"web." + mistyped + "\"");
    }

    @ParameterizedTest
    @MethodSource("secretKeys")
    void aSecretOfTheWrongTypeIsNamedButNotQuoted(String key) throws IOException {
        String[] parts = key.split("\\.");
        Path file = write(parts[0] + ":\n  " + parts[1] + ":\n    - \"" + value(key) + "\"\n    - other\n");
        refused(key, file, "\"" + key + "\"");
    }

    @ParameterizedTest
    @MethodSource("secretKeys")
    void aSecretOnABrokenLineIsNotQuoted(String key) throws IOException {
        String[] parts = key.split("\\.");
        Path file = write(parts[0] + ":\n  " + parts[1] + ": \"" + value(key) + "\n  other: x\n");
        refused(key, file, " line ");
    }

    @ParameterizedTest
    @MethodSource("secretKeys")
    void aSecretNextToAnotherMistakeIsNotQuoted(String key) throws IOException {
        String[] parts = key.split("\\.");
        Path file = write(parts[0] + ":\n  " + parts[1] + ": \"" + value(key) + "\"\n  nosuchkey: 1\n");
        refused(key, file, "unknown key \"" + parts[0] + ".nosuchkey\"");
    }

    @ParameterizedTest
    @MethodSource("secretKeys")
    void aMistypedSectionHoldingTheSecretIsNotQuoted(String key) throws IOException {
        String[] parts = key.split("\\.");
        Path file = write(parts[0] + "x:\n  " + parts[1] + ": \"" + value(key) + "\"\n");
        refused(key, file, "unknown key \"" + parts[0] + "x\"");
    }

    @Test
    void whatIsLoggedAfterwardsNeverCarriesASecret() throws IOException {
        Path file = everySecretSet();
        ConfigLoader.load(file, Map.of());
        org.slf4j.Logger log = LoggerFactory.getLogger("org.paperboy.test");
        for (String key : ConfigKeys.secrets()) {
            log.warn("a careless line with {}", value(key), new IllegalStateException("and a trace with " + value(key)));
        }
        assertThat(logged).hasSize(ConfigKeys.secrets().size());
        for (String key : ConfigKeys.secrets()) {
            assertThat(String.join("", logged)).as(key).doesNotContain(value(key)).contains("a careless line with ***")
                    .contains("and a trace with ***");
        }
    }

    @Test
    void jsonLogsAreMaskedToo() throws IOException {
        ConfigLoader.load(everySecretSet(), Map.of());
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        net.logstash.logback.encoder.LogstashEncoder encoder = new net.logstash.logback.encoder.LogstashEncoder();
        encoder.setContext(context);
        encoder.setJsonGeneratorDecorator(RedactedLog.json());
        encoder.start();
        for (String key : ConfigKeys.secrets()) {
            var event = new ch.qos.logback.classic.spi.LoggingEvent("x", context.getLogger("org.paperboy.test"),
                    ch.qos.logback.classic.Level.WARN, "a careless line with {}", new IllegalStateException("trace " + value(key)),
                    new Object[] {value(key)});
            String line = new String(encoder.encode(event), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(line).as(key).contains("\"message\":\"a careless line with ***\"").contains("trace ***")
                    .doesNotContain(value(key));
        }
        encoder.stop();
    }

    @Test
    void checkNeverPrintsASecret() throws IOException {
        Path file = everySecretSet();
        Cli.run(new String[] {"check", "-c", file.toString()}, new PrintWriter(out), new PrintWriter(err), Map.of());
        assertThat(out.toString()).as("check ran its checks").contains("check");
        for (String key : ConfigKeys.secrets()) {
            assertThat(out + err.toString() + String.join("", logged)).as(key).doesNotContain(value(key));
        }
    }

    /** Exits non-zero with one line naming the file and the mistake, the secret nowhere. */
    private void refused(String key, Path file, String names) {
        int code = Cli.run(new String[] {"check", "-c", file.toString()}, new PrintWriter(out), new PrintWriter(err), Map.of());
        String error = err.toString();
        assertThat(code).as(error).isNotZero();
        assertThat(error.strip().lines()).as(error).hasSize(1);
        assertThat(error).contains(file.toString()).contains(names);
        assertThat(error + out).doesNotContain(value(key));
        assertThat(String.join("", logged)).doesNotContain(value(key));
    }

    /** A config that loads, with every secret key of the model set to its value. */
    private Path everySecretSet() throws IOException {
        Map<String, StringBuilder> sections = new java.util.TreeMap<>();
        sections.computeIfAbsent("database", k -> new StringBuilder()).append("  url: \"jdbc:sqlite:" + dir.resolve("p.db") + "\"\n");
        for (String key : ConfigKeys.secrets()) {
            String[] parts = key.split("\\.");
            sections.computeIfAbsent(parts[0], k -> new StringBuilder()).append("  " + parts[1] + ": \"" + value(key) + "\"\n");
        }
        StringBuilder yaml = new StringBuilder();
        sections.forEach((section, lines) -> yaml.append(section).append(":\n").append(lines));
        Path file = write(yaml.toString());
        return file;
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("paperboy.yaml"), yaml);
    }
}
