package org.paperboy.app;

import java.util.Locale;

/** One line of {@code paperboy check}: how an item stands, the config key it concerns, and why. */
record CheckItem(Level level, String key, String message) {

    enum Level { OK, NOTE, WARN, FAIL }

    static CheckItem ok(String key, String message) {
        return new CheckItem(Level.OK, key, message);
    }

    static CheckItem note(String key, String message) {
        return new CheckItem(Level.NOTE, key, message);
    }

    static CheckItem warn(String key, String message) {
        return new CheckItem(Level.WARN, key, message);
    }

    static CheckItem fail(String key, String message) {
        return new CheckItem(Level.FAIL, key, message);
    }

    boolean failed() {
        return level == Level.FAIL;
    }

    /** {@code ok    smtp.host: connected to ...}: FAIL in capitals so it stands out. */
    String line() {
        String word = level == Level.FAIL ? "FAIL" : level.name().toLowerCase(Locale.ROOT);
        return String.format("%-5s %s: %s", word, key, message);
    }
}
