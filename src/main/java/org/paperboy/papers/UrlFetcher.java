package org.paperboy.papers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an http(s) source with the JDK client: timeouts always set, a {@code {date}} placeholder
 * filled with the as-of date, and a retry on a dropped connection or a 5xx/429 answer.
 */
final class UrlFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(UrlFetcher.class);
    private static final long MAX_BYTES = 64L << 20;

    private final PapersConfig.Fetch config;
    private final HttpClient client;

    UrlFetcher(PapersConfig.Fetch config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    SourceInput fetch(String source, LocalDate asOf) {
        String url = source.replace("{date}", asOf.toString());
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SourceFormatException(url + ": not a valid URL: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Accept", "application/json, application/atom+xml, text/plain")
                .header("User-Agent", "paperboy").GET().build();
        String failure = null;
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return checked(url, response.body());
                }
                failure = "HTTP " + status;
                if (status < 500 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFormatException(url + ": interrupted while fetching");
            }
            LOG.info("fetch {} failed ({}), attempt {} of {}", url, failure, attempt + 1, config.retries() + 1);
            pause(attempt);
        }
        throw new SourceFormatException(url + ": fetch failed: " + failure);
    }

    private static SourceInput checked(String url, byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new SourceFormatException(url + ": the response is larger than " + (MAX_BYTES >> 20) + " MB");
        }
        return SourceInput.ofBytes(url, body);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L << Math.min(attempt, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
