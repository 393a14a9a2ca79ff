package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.Databases;
import org.paperboy.testing.PaperboyProcess;

/**
 * Daemons started at the same moment on one fresh PostgreSQL (a deploy that starts every node at
 * once) all come up: the schema and the scheduler's job are created once, and nobody prints a
 * database's duplicate-key error.
 */
class ConcurrentStartIT {

    static final int PROCESSES = 3;

    @TempDir
    Path dir;

    @Test
    void daemonsStartingTogetherOnAFreshDatabaseAllComeUp() throws Exception {
        for (int trial = 0; trial < 2; trial++) {
            Path config = Files.writeString(dir.resolve("paperboy-" + trial + ".yaml"), """
                    database:
                      url: "%s"
                    web:
                      enabled: false
                    schedule:
                      cron: "0 0 3 1 1 ?"
                    """.formatted(Databases.fresh(Databases.POSTGRES, dir)));
            List<Process> daemons = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                logs.add(dir.resolve("run-" + trial + "-" + i + ".log"));
                daemons.add(PaperboyProcess.start(logs.get(i), "run", "--config", config.toString()));
            }
            try {
                for (int i = 0; i < PROCESSES; i++) {
                    awaitStartedOrExited(daemons.get(i), logs.get(i));
                }
                for (int i = 0; i < PROCESSES; i++) {
                    String log = PaperboyProcess.log(logs.get(i));
                    assertThat(log).as("daemon %d of trial %d", i, trial).contains("Daily job \"0 0 3 1 1 ?\"")
                            .doesNotContainIgnoringCase("duplicate key").doesNotContain("Exception");
                    assertThat(daemons.get(i).isAlive()).as(log).isTrue();
                }
            } finally {
                daemons.forEach(Process::destroy);
                for (Process p : daemons) {
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void awaitStartedOrExited(Process p, Path log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (p.isAlive() && !PaperboyProcess.log(log).contains("Daily job") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }
}
