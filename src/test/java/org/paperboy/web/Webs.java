package org.paperboy.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.paperboy.app.Paperboy;
import org.paperboy.digest.DigestArchive;
import org.paperboy.testing.TestSetup;

/** Starts the pages of a wired Paperboy with chosen limits, and talks to them over HTTP. */
final class Webs {

    /** Long enough that only a hung server misses it; never a claim about speed. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private Webs() {
    }

    /**
     * The {@code web} section on an ephemeral loopback port with these limits; the rest default but
     * the idle timeout, an hour, so that any connection closed in a test was closed by a deadline.
     */
    static WebConfig limits(List<String> trustedProxies, int headerTimeoutSeconds, int bodyTimeoutSeconds, Integer maxConnections,
                            Integer maxThreads) {
        StringBuilder yaml = new StringBuilder("enabled: true\nhost: \"127.0.0.1\"\nport: 0\nidleTimeoutSeconds: 3600\n")
                .append("headerTimeoutSeconds: ").append(headerTimeoutSeconds).append('\n')
                .append("bodyTimeoutSeconds: ").append(bodyTimeoutSeconds).append('\n')
                .append("trustedProxies: [").append(String.join(", ", trustedProxies.stream().map(TestSetup::quote).toList())).append("]\n");
        if (maxConnections != null) {
            yaml.append("maxConnections: ").append(maxConnections).append('\n');
        }
        if (maxThreads != null) {
            yaml.append("maxThreads: ").append(maxThreads).append('\n');
        }
        return TestSetup.web(yaml.toString());
    }

    static WebServer start(Paperboy paperboy, WebConfig config, Clock clock) {
        return WebServer.start(config, paperboy.subscriptions(), paperboy.renderer(), paperboy.config().email(),
                paperboy.classifier().taxonomy().topics(), new DigestArchive(paperboy.database().dataSource()), clock);
    }

    static HttpResponse<String> get(HttpClient http, WebServer web, String path) throws Exception {
        return http.send(request(web, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient http, WebServer web, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = request(web, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(WebServer web, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).timeout(PATIENCE);
    }
}
