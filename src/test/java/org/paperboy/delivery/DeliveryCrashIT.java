package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/** A {@code send} killed with SIGKILL in the middle: the next one completes, nobody missing, duplicates bounded. */
class DeliveryCrashIT {

    static final int READERS = 60;
    static final int CONNECTIONS = 2;
    static final int CLAIM_BATCH = 5;

    @TempDir
    Path dir;

    @Test
    void aKilledSendIsCompletedByTheNextWithNobodyMissing() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.pauseAfterEachMessage(60);
            Path config = writeConfig(smtp.port());
            try (Paperboy setup = Paperboy.wire(TestSetup.config(dir, smtp.port(), null))) {
                for (int i = 0; i < READERS; i++) {
                    setup.subscriptions().subscribe("reader" + i + "@example.org", Preferences.NONE, Frequency.DAILY,
                            new Consent("cli", null, null, "v1", Instant.now()), true, Runnable::run);
                }
            }
            // from the 15th message on the server's answers wait: the first send cannot finish before it is killed
            smtp.holdAnswersFrom(15);
            Process first = start(config);
            long deadline = System.currentTimeMillis() + 120_000;
            while (smtp.received().size() < 15 && System.currentTimeMillis() < deadline && first.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("the first send is still running when it is killed").isTrue();
            first.destroyForcibly();   // SIGKILL: no shutdown hook runs
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            int beforeRestart = smtp.received().size();
            assertThat(beforeRestart).isLessThan(READERS);
            smtp.release();

            Process second = start(config);
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(Files.readString(dir.resolve("send.log"))).isZero();

            List<ScriptedSmtpServer.Received> all = smtp.received();
            Map<String, List<ScriptedSmtpServer.Received>> byReader = all.stream()
                    .collect(Collectors.groupingBy(ScriptedSmtpServer.Received::recipient));
            assertThat(byReader).hasSize(READERS);
            int duplicates = all.size() - READERS;
            assertThat(duplicates).as("at most the message in flight on each connection is sent twice").isLessThanOrEqualTo(CONNECTIONS);
            byReader.forEach((reader, copies) -> assertThat(copies.stream().map(r -> r.header("Message-ID")).distinct())
                    .as("every copy to %s carries the same Message-ID", reader).hasSize(1));
        }
    }

    private Process start(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-jar", new File("target/paperboy.jar").getAbsolutePath(), "send", "--date", "2026-11-20",
                "--config", config.toString(), "seeds")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("send.log").toFile()))
                .start();
    }

    private Path writeConfig(int port) throws Exception {
        return Files.writeString(dir.resolve("paperboy.yaml"), """
                papers:
                  sources: [seeds/]
                smtp:
                  host: 127.0.0.1
                  port: %d
                  security: none
                  fromAddress: digest@paperboy.test
                  connections: %d
                email:
                  publicBaseUrl: https://news.paperboy.test
                  postalAddress: "Paperboy Press, 5 Mill Lane, Cambridge CB2 1RX"
                delivery:
                  claimBatch: %d
                  initialBackoffSeconds: 1
                database:
                  url: "%s"
                tokens:
                  secret: %s
                """.formatted(port, CONNECTIONS, CLAIM_BATCH, TestSetup.sqliteUrl(dir), TestSetup.SECRET));
    }
}
