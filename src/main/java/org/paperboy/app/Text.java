package org.paperboy.app;

/** Small text helpers for terminal output. */
final class Text {

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private Text() {
    }

    /** A moment as {@code 2026-11-20 09:00:30 UTC}. */
    static String time(java.time.Instant at) {
        return at == null ? "an unknown time" : TIME.format(at);
    }

    /** The text cut to at most {@code max} characters, ending in "…" when cut. */
    static String ellipsize(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
