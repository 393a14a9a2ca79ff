package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.ClosedPort;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/**
 * A queued confirmation mail outlives the process that queued it: {@code serve} killed (SIGKILL)
 * while the mail waits for a server that is down, or while the server holds its answer mid-send,
 * and started again, delivers it; the mail cut off mid-send goes again with the same Message-ID.
 */
class ConfirmationRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern PORT = Pattern.compile("Serving on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    @Test
    void aMailQueuedWhileSmtpIsDownIsSentByTheNextProcessAfterAKill() throws Exception {
        ClosedPort down = keep(new ClosedPort());
        Path config = config(down.port());
        Process first = serve(config, "first.log");
        subscribe(first, "first.log", "alice@example.org");
        waitFor("the first process tried and kept the mail", () -> queue("attempts") >= 1 && queue("state_pending") == 1);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        ScriptedSmtpServer smtp = keep(new ScriptedSmtpServer(down.port()));
        Process second = serve(config, "second.log");
        port(second, "second.log");
        waitFor("the second process sends it", () -> smtp.received().size() >= 1 && queue("rows") == 0);
        assertThat(smtp.received()).as("exactly once").hasSize(1);
        assertThat(smtp.received().get(0).recipient()).isEqualTo("alice@example.org");
        stopCleanly(second, "second.log");
    }

    @Test
    void aMailCutOffMidSendByAKillIsSentAgainWithTheSameMessageId() throws Exception {
        ScriptedSmtpServer smtp = keep(new ScriptedSmtpServer());
        smtp.holdAnswersFrom(1);
        Path config = config(smtp.port());
        Process first = serve(config, "first.log");
        subscribe(first, "first.log", "bob@example.org");
        waitFor("the message is written and its answer held", () -> smtp.received().size() == 1);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(queue("state_sending")).as("the killed process held its claim").isEqualTo(1);
        smtp.release();

        Process second = serve(config, "second.log");
        port(second, "second.log");
        waitFor("the second process takes the dead claim back and sends it", () -> smtp.received().size() >= 2 && queue("rows") == 0);
        assertThat(smtp.received()).hasSize(2);
        assertThat(smtp.received().get(1).header("Message-ID")).as("the same mail, which a server or reader can tell apart")
                .isEqualTo(smtp.received().get(0).header("Message-ID"));
        stopCleanly(second, "second.log");
    }

    private <T extends AutoCloseable> T keep(T server) {
        servers.add(server);
        return server;
    }

    private Path config(int smtpPort) throws Exception {
        return PaperboyProcess.config(dir, "serve.yaml", smtpPort, TestSetup.sqliteUrl(dir), """
                web:
                  port: 0
                delivery:
                  initialBackoffSeconds: 1
                """);
    }

    private Process serve(Path config, String log) throws Exception {
        Process p = PaperboyProcess.start(dir.resolve(log), "serve", "--config", config.toString());
        processes.add(p);
        return p;
    }

    private void subscribe(Process serve, String log, String email) throws Exception {
        int port = port(serve, log);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/subscribe"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(PATIENCE)
                .POST(HttpRequest.BodyPublishers.ofString("email=" + email.replace("@", "%40"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).contains("Check your inbox");
    }

    private int port(Process serve, String log) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            Matcher m = PORT.matcher(PaperboyProcess.log(dir.resolve(log)));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print its port: " + PaperboyProcess.log(dir.resolve(log)));
    }

    private void stopCleanly(Process serve, String log) throws InterruptedException {
        serve.destroy();
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(PaperboyProcess.log(dir.resolve(log))).isTrue();
        assertThat(serve.exitValue()).isZero();
    }

    /** A number about the queue, read from the database file the processes share. */
    private int queue(String what) throws Exception {
        String sql = switch (what) {
            case "attempts" -> "SELECT COALESCE(MAX(attempts), 0) FROM mail_queue";
            case "rows" -> "SELECT COUNT(*) FROM mail_queue";
            default -> "SELECT COUNT(*) FROM mail_queue WHERE state = '" + what.substring("state_".length()) + "'";
        };
        try (Connection c = DriverManager.getConnection(TestSetup.sqliteUrl(dir)); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void waitFor(String what, Checked condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for: " + what);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface Checked {
        boolean holds() throws Exception;
    }
}
