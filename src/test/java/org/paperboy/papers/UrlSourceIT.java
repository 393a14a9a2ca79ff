package org.paperboy.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetches sources from a real HTTP server on loopback. */
class UrlSourceIT {

    private HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    // generous timeouts: a timed-out request would be retried and counted; the server is this JVM's own, on a machine that may be busy
    private final PaperLoader loader = new PaperLoader(new PapersConfig(List.of("unused"), new PapersConfig.Fetch(30, 60, 2)));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/daily_papers", exchange -> {
            requested.add(exchange.getRequestURI().toString());
            byte[] body = Fixtures.text("daily.json").getBytes(StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (status == 200) {
                    out.write(body);
                }
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fillsTheDatePlaceholderAndReadsTheBody() {
        PaperLoader.Loaded loaded = loader.load(List.of(base() + "/api/daily_papers?date={date}"), Fixtures.AS_OF);
        assertThat(requested).containsExactly("/api/daily_papers?date=2025-11-22");
        assertThat(loaded.papers()).extracting(Paper::id).containsExactly("2504.01234", "2504.09999");
        assertThat(loaded.papers().get(0).sources()).containsExactly(base() + "/api/daily_papers?date=2025-11-22");
    }

    @Test
    void retriesAServerError() {
        failuresLeft.set(2);
        assertThat(loader.load(List.of(base() + "/api/daily_papers"), Fixtures.AS_OF).papers()).hasSize(2);
        assertThat(requested).hasSize(3);
    }

    @Test
    void givesUpWithTheStatusAfterTheRetries() {
        failuresLeft.set(10);
        assertThatThrownBy(() -> loader.load(List.of(base() + "/api/daily_papers"), Fixtures.AS_OF))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage(base() + "/api/daily_papers: fetch failed: HTTP 503");
        assertThat(requested).hasSize(3);
    }

    @Test
    void doesNotRetryANotFound() {
        assertThatThrownBy(() -> loader.load(List.of(base() + "/missing"), Fixtures.AS_OF))
                .hasMessage(base() + "/missing: fetch failed: HTTP 404");
    }

    @Test
    void aRefusedConnectionIsNamed() {
        String url = base() + "/api/daily_papers";
        server.stop(0);
        assertThatThrownBy(() -> loader.load(List.of(url), Fixtures.AS_OF))
                .isInstanceOf(SourceFormatException.class)
                .hasMessageStartingWith(url + ": fetch failed: ConnectException");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
