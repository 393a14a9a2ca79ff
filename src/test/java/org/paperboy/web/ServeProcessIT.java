package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.TestSetup;

/** {@code paperboy serve} as an operator starts it, with the management port on: pages, health, metrics, SIGTERM. */
class ServeProcessIT {

    private static final Pattern PORTS = Pattern.compile("Serving on http://127\\.0\\.0\\.1:(\\d+)/ .*on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serveAnswersPagesHealthAndMetricsAndStopsCleanly() throws Exception {
        Path config = PaperboyProcess.config(dir, "serve.yaml", 2525, TestSetup.sqliteUrl(dir), """
                web:
                  port: 0
                  managementPort: 0
                  trustedProxies: [127.0.0.1]
                """);
        Path log = dir.resolve("serve.log");
        Process serve = PaperboyProcess.start(log, "serve", "--config", config.toString());
        try {
            Matcher ports = waitForPorts(log, serve);
            int pages = Integer.parseInt(ports.group(1));
            int management = Integer.parseInt(ports.group(2));

            assertThat(get(pages, "/").statusCode()).isEqualTo(200);
            HttpResponse<String> health = get(management, "/healthz");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"database\"");
            // the request is counted once its answer is written, which may be just after the client read it
            String counted = "paperboy_http_requests_seconds_count{method=\"GET\",route=\"/\",status=\"200\"} 1";
            String metrics = get(management, "/metrics").body();
            for (long deadline = System.currentTimeMillis() + 30_000; !metrics.contains(counted) && System.currentTimeMillis() < deadline; ) {
                Thread.sleep(100);
                metrics = get(management, "/metrics").body();
            }
            assertThat(metrics).contains(counted);
        } finally {
            serve.destroy();   // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(PaperboyProcess.log(log)).isTrue();
        }
        assertThat(serve.exitValue()).as("SIGTERM stops serve cleanly, with exit code 0").isZero();
        assertThat(PaperboyProcess.log(log)).doesNotContain("ERROR").doesNotContain("Exception");
    }

    private static Matcher waitForPorts(Path log, Process serve) throws InterruptedException {
        long deadline = System.nanoTime() + Webs.PATIENCE.toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            Matcher ports = PORTS.matcher(PaperboyProcess.log(log));
            if (ports.find()) {
                return ports;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print its ports: " + PaperboyProcess.log(log));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Webs.PATIENCE).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
