package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.TestSetup;

/**
 * Without {@code tokens.secret}, the generated secret lives with the data: the link a send mailed
 * from one working directory unsubscribes its reader in a process started from another.
 */
class TokenSecretProcessIT {

    @TempDir
    Path dir;

    @Test
    void linksSignedFromOneWorkingDirectoryAreVerifiedFromAnother() throws Exception {
        Path cron = Files.createDirectories(dir.resolve("cron-home"));
        Path config = Files.writeString(dir.resolve("paperboy.yaml"), """
                papers:
                  sources: ["%s"]
                ranking:
                  topicsFile: "%s"
                email:
                  templates: "%s"
                  publicBaseUrl: https://news.paperboy.test
                smtp:
                  outbox: "%s"
                database:
                  url: "%s"
                """.formatted(abs("seeds"), abs("config/topics.yaml"), abs("templates"), dir.resolve("outbox"),
                TestSetup.sqliteUrl(dir)));

        run(cron, "subscribe", "reader@example.org", "--confirmed", "--config", config.toString());
        run(cron, "send", "--date", "2025-11-22", "--config", config.toString());
        String token = unsubscribeToken(dir.resolve("outbox"));

        // this JVM runs in the project folder, not in cron-home
        try (Paperboy serve = Paperboy.wire(ConfigLoader.load(config, Map.of()))) {
            assertThat(serve.subscriptions().unsubscribe(token)).as("the mailed link verifies").isTrue();
            assertThat(serve.subscribers().find("reader@example.org").orElseThrow().status()).isEqualTo(Status.UNSUBSCRIBED);
        }
        assertThat(cron.resolve("data")).as("nothing is kept in the working directory").doesNotExist();
    }

    private static String abs(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    private void run(Path cwd, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("process.log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", new File("target/paperboy.jar").getAbsolutePath()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("PAPERBOY_TOKEN_SECRET");
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(PaperboyProcess.log(log)).isTrue();
        assertThat(p.exitValue()).as(PaperboyProcess.log(log)).isZero();
    }

    private static String unsubscribeToken(Path outbox) throws IOException {
        Pattern link = Pattern.compile("/unsubscribe/([0-9]+\\.[A-Za-z0-9_-]+)");
        try (Stream<Path> files = Files.walk(outbox)) {
            for (Path eml : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                Matcher m = link.matcher(Files.readString(eml));
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("no unsubscribe link in " + outbox);
    }
}
