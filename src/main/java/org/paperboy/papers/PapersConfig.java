package org.paperboy.papers;

import java.time.Duration;
import java.util.List;

/**
 * The {@code papers} section of the config: where the day's papers come from.
 *
 * @param sources files, directories, globs or http(s) URLs (a URL may hold {@code {date}})
 * @param fetch   how URLs are fetched
 */
public record PapersConfig(List<String> sources, Fetch fetch) {

    public static final PapersConfig DEFAULTS = new PapersConfig(null, null);

    public PapersConfig {
        sources = sources == null ? List.of("seeds/") : List.copyOf(sources);
        if (sources.isEmpty() || sources.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("papers.sources must list at least one file, directory, glob or URL, and none blank");
        }
        fetch = fetch == null ? Fetch.DEFAULTS : fetch;
    }

    /** Timeouts and retries for http(s) sources; a fetch never waits forever. */
    public record Fetch(Integer connectTimeoutSeconds, Integer requestTimeoutSeconds, Integer retries) {

        static final Fetch DEFAULTS = new Fetch(null, null, null);

        public Fetch {
            connectTimeoutSeconds = positive("papers.fetch.connectTimeoutSeconds", connectTimeoutSeconds, 10);
            requestTimeoutSeconds = positive("papers.fetch.requestTimeoutSeconds", requestTimeoutSeconds, 30);
            retries = retries == null ? 2 : retries;
            if (retries < 0 || retries > 10) {
                throw new IllegalArgumentException("papers.fetch.retries must be between 0 and 10, got " + retries);
            }
        }

        Duration connectTimeout() {
            return Duration.ofSeconds(connectTimeoutSeconds);
        }

        Duration requestTimeout() {
            return Duration.ofSeconds(requestTimeoutSeconds);
        }

        private static int positive(String key, Integer value, int fallback) {
            if (value == null) {
                return fallback;
            }
            if (value <= 0) {
                throw new IllegalArgumentException(key + " must be a positive number of seconds, got " + value);
            }
            return value;
        }
    }
}
