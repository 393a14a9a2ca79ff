package org.paperboy.app;

/** Small text helpers for terminal output. */
final class Text {

    private Text() {
    }

    /** The text cut to at most {@code max} characters, ending in "…" when cut. */
    static String ellipsize(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
