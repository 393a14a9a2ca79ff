package org.paperboy.subscribers;

import java.time.Instant;
import java.util.Objects;

/**
 * How and when a person agreed to be mailed: kept with the subscriber as proof of consent.
 *
 * @param source      cli, web or import
 * @param ip          the address the request came from (web), else null
 * @param userAgent   the browser's User-Agent (web), else null
 * @param textVersion the version of the consent text they saw
 */
public record Consent(String source, String ip, String userAgent, String textVersion, Instant at) {

    public Consent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(textVersion, "textVersion");
        Objects.requireNonNull(at, "at");
        ip = clip(ip, 64);
        userAgent = clip(userAgent, 512);
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        String clean = s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
