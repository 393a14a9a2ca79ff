package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.ScriptedSmtpServer;

/** {@code paperboy check} reports the relay's round trip and PIPELINING, and the connections a rate needs. */
class CheckRelayIT {

    @TempDir
    Path dir;

    private OperatorConfig.Run check(int port, String smtpKeys) throws IOException {
        Path config = OperatorConfig.good(port).write(dir);
        Files.writeString(config, Files.readString(config).replace("  outbox: ", smtpKeys + "  outbox: "));
        return new OperatorConfig.Run(Map.of(), "check", "-c", config.toString());
    }

    @Test
    void aRelayThatPipelinesIsTwoRoundTripsAMessageAndTheCeilingOfTheConnectionsIsShown() throws IOException {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            OperatorConfig.Run run = check(smtp.port(), "  connections: 3\n");

            assertThat(run.exit).as(run.out()).isZero();
            assertThat(run.out()).containsPattern("ok    smtp\\.connections: relay round trip [0-9.]+ ms \\(median of 5 NOOPs\\); "
                    + "PIPELINING offered: 2 round trips a message; 3 connections carry at most [0-9]+ msg/s; "
                    + "for a relay's quota of R msg/s set smtp\\.ratePerSecond to R and smtp\\.connections to 1\\.5 x R x 2 x ");
            assertThat(smtp.commands("NOOP")).as("the round trip was measured").isEqualTo(5);
            assertThat(smtp.received()).as("check sends nothing").isEmpty();
        }
    }

    @Test
    void aRateTheConnectionsCannotCarryIsAWarningThatSaysHowManyItNeeds() throws IOException {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.offerPipelining(false);
            // a million a second needs more than 4 connections at any round trip over a microsecond
            OperatorConfig.Run run = check(smtp.port(), "  connections: 4\n  ratePerSecond: 1000000\n");

            assertThat(run.out()).containsPattern("(?m)warn  smtp\\.connections: relay round trip [0-9.]+ ms \\(median of 5 NOOPs\\); "
                    + "no PIPELINING: 4 round trips a message; 4 connections carry at most [0-9]+ msg/s; "
                    + "smtp\\.ratePerSecond 1000000 needs [0-9]+ \\(rate x round trips x round trip\\), ([0-9]+) with headroom for "
                    + "each message's own time: raise smtp\\.connections to \\1$")
                    .doesNotContain("FAIL");
        }
    }
}
