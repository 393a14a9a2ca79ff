package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/** On the embedded database, the CLI works while the daemon runs: they share the SQLite file. */
class SharedDatabaseIT {

    @TempDir
    Path dir;

    @Test
    void theCommandsWorkWhileTheDaemonRuns() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            Path config = PaperboyProcess.config(dir, "paperboy.yaml", smtp.port(), TestSetup.sqliteUrl(dir), """
                    web:
                      port: 0
                    """);
            Path daemonLog = dir.resolve("run.log");
            Process daemon = PaperboyProcess.start(daemonLog, "run", "--config", config.toString());
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (!PaperboyProcess.log(daemonLog).contains("Daily job") && daemon.isAlive()
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(PaperboyProcess.log(daemonLog)).as("the daemon started").contains("Daily job");

                assertThat(cli("subscribe", "alice@example.org", "--confirmed")).contains("alice@example.org");
                assertThat(cli("subscribers", "list")).contains("alice@example.org");
                assertThat(cli("send", "--date", "2026-11-20", "--preview", "", "seeds")).contains("sent 1");
                assertThat(cli("schedule", "status")).contains("Next fire times");
                assertThat(smtp.received()).extracting(ScriptedSmtpServer.Received::recipient).containsExactly("alice@example.org");
                assertThat(daemon.isAlive()).as("the daemon is still up").isTrue();
            } finally {
                daemon.destroy();
                daemon.waitFor(60, TimeUnit.SECONDS);
            }
            assertThat(daemon.exitValue()).as("SIGTERM stops the daemon cleanly: " + PaperboyProcess.log(daemonLog)).isZero();
        }
    }

    private String cli(String... args) throws Exception {
        Path log = dir.resolve("cli-" + args[0] + ".log");
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = dir.resolve("paperboy.yaml").toString();
        Process p = PaperboyProcess.start(log, all);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finishes", String.join(" ", args)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + PaperboyProcess.log(log)).isZero();
        return PaperboyProcess.log(log);
    }
}
