package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/** What the server refuses before any page sees it: bodies and headers beyond their limits. */
class RequestLimitsIT {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private Paperboy paperboy;
    private WebServer web;

    @BeforeEach
    void start() {
        paperboy = Paperboy.wire(TestSetup.config(dir, null, null), clock);
        web = Webs.start(paperboy, Webs.limits(List.of(), 10, 10, null, null), clock);
    }

    @AfterEach
    void stop() {
        web.close();
        paperboy.close();
    }

    @Test
    void aChunkedBodyBeyondTheLimitGets413AndSubscribesNobody() throws Exception {
        byte[] huge = ("email=zoe%40example.org&topics=" + "x".repeat(40_000)).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/subscribe"))
                .timeout(Webs.PATIENCE).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(web.background().awaitIdle(Webs.PATIENCE.toMillis())).isTrue();
        assertThat(paperboy.subscribers().find("zoe@example.org")).isEmpty();
    }

    @Test
    void aHeaderBeyondTheLimitGets431() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/"))
                .timeout(Webs.PATIENCE).header("X-Padding", "p".repeat(20_000)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(431);
        assertThat(answer.body()).as("no server name or version").doesNotContainIgnoringCase("jetty");
        assertThat(answer.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void headAnswersTheHeadersWithoutABody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", web.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout((int) Webs.PATIENCE.toMillis());
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("Content-Security-Policy: default-src 'none'")
                    .endsWith("\r\n\r\n").doesNotContain("<html").doesNotContainIgnoringCase("Server:");
        }
    }
}
