package org.paperboy.papers;

import java.time.Duration;
import java.util.List;
import org.paperboy.ConfigRange;

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
            connectTimeoutSeconds = ConfigRange.atLeast("papers.fetch.connectTimeoutSeconds", connectTimeoutSeconds, 10, 1);
            requestTimeoutSeconds = ConfigRange.atLeast("papers.fetch.requestTimeoutSeconds", requestTimeoutSeconds, 30, 1);
            retries = ConfigRange.within("papers.fetch.retries", retries, 2, 0, 10);
        }

        Duration connectTimeout() {
            return Duration.ofSeconds(connectTimeoutSeconds);
        }

        Duration requestTimeout() {
            return Duration.ofSeconds(requestTimeoutSeconds);
        }
    }
}
