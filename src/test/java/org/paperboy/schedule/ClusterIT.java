package org.paperboy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.Databases;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/** Two `paperboy run` processes as a Quartz cluster on one real PostgreSQL. */
class ClusterIT {

    @TempDir
    Path dir;

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process node : nodes) {
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String database(int readers, int smtpPort) {
        String url = Databases.fresh(Databases.POSTGRES, dir);
        try (Paperboy setup = Paperboy.wire(TestSetup.config(dir, smtpPort, url))) {
            for (int i = 0; i < readers; i++) {
                setup.subscriptions().subscribe("reader" + i + "@example.org", Preferences.NONE, Frequency.DAILY,
                        new Consent("cli", null, null, "v1", Instant.now()), true, Runnable::run);
            }
        }
        return url;
    }

    private Process node(String name, Path config) throws Exception {
        Process p = PaperboyProcess.start(dir.resolve(name + ".log"), "run", "--config", config.toString());
        nodes.add(p);
        return p;
    }

    /** @param checkinSeconds how soon a silent node is taken for dead and its job recovered by the other */
    private static String clusterYaml(String cron, int checkinSeconds) {
        return """
                delivery:
                  claimBatch: 5
                  claimLeaseSeconds: 10
                schedule:
                  cron: "%s"
                  clustered: true
                  checkinSeconds: %d
                web:
                  enabled: false
                """.formatted(cron, checkinSeconds);
    }

    @Test
    void eachTriggerFiresOnOneNode() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            String url = database(3, smtp.port());
            // nobody dies here: the default check-in, so that a node slowed down by a busy machine is not taken for
            // dead and its running job recovered (run again for its fire time) by the other
            Path config = PaperboyProcess.config(dir, "cluster.yaml", smtp.port(), url, clusterYaml("*/2 * * * * ?", 15));
            node("a", config);
            node("b", config);
            // runs never overlap and each loads and ranks the papers: how soon six are done depends on the machine
            long deadline = System.currentTimeMillis() + 300_000;
            while (jobRuns(url).size() < 6 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            List<String[]> runs = jobRuns(url);
            assertThat(runs).as(PaperboyProcess.log(dir.resolve("a.log"))).hasSizeGreaterThanOrEqualTo(6);
            Map<String, Long> perFire = runs.stream().collect(Collectors.groupingBy(r -> r[0], Collectors.counting()));
            assertThat(perFire.values()).as("runs per fire time").allMatch(n -> n == 1);
            assertThat(smtp.received()).hasSize(3);
        }
    }

    @Test
    void whenTheSendingNodeDiesTheOtherFinishesWithNobodyMissing() throws Exception {
        int readers = 60;
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            smtp.pauseAfterEachMessage(80);
            String url = database(readers, smtp.port());
            Path config = PaperboyProcess.config(dir, "cluster.yaml", smtp.port(), url, clusterYaml("0/30 * * * * ?", 2));
            Process a = node("a", config);
            Process b = node("b", config);
            long deadline = System.currentTimeMillis() + 180_000;
            while (smtp.received().size() < 10 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(smtp.received()).as(PaperboyProcess.log(dir.resolve("a.log"))).hasSizeGreaterThanOrEqualTo(10);
            String sender = runningNode(url);
            Process victim = sender != null && sender.endsWith(":" + b.pid()) ? b : a;
            victim.destroyForcibly();   // SIGKILL in the middle of the send
            deadline = System.currentTimeMillis() + 180_000;
            while (distinctRecipients(smtp) < readers && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(distinctRecipients(smtp)).as(PaperboyProcess.log(dir.resolve((victim == a ? "b" : "a") + ".log")))
                    .isEqualTo(readers);
            int duplicates = smtp.received().size() - readers;
            assertThat(duplicates).as("duplicates bounded by the killed node's messages in flight").isLessThanOrEqualTo(2 * 5);
            smtp.received().stream().collect(Collectors.groupingBy(ScriptedSmtpServer.Received::recipient))
                    .forEach((reader, copies) -> assertThat(copies.stream().map(r -> r.header("Message-ID")).distinct()).hasSize(1));
        }
    }

    private static long distinctRecipients(ScriptedSmtpServer smtp) {
        return smtp.received().stream().map(ScriptedSmtpServer.Received::recipient).distinct().count();
    }

    private static List<String[]> jobRuns(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT fire_time, node FROM job_run");
             ResultSet rs = ps.executeQuery()) {
            List<String[]> runs = new ArrayList<>();
            while (rs.next()) {
                runs.add(new String[] {rs.getTimestamp(1).toInstant().toString(), rs.getString(2)});
            }
            return runs;
        }
    }

    private static String runningNode(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT node FROM job_run WHERE outcome = 'running'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
