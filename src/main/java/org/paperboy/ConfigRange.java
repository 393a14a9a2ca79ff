package org.paperboy;

/**
 * The range check every config record makes of its numbers: a missing value takes its default, and
 * one out of range is refused with the key, the range and the value named.
 */
public final class ConfigRange {

    private ConfigRange() {
    }

    /** The value, or {@code fallback} when missing; refused when below {@code min}. */
    public static int atLeast(String key, Integer value, int fallback, int min) {
        int v = value == null ? fallback : value;
        if (v < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    /** The value, or {@code fallback} when missing; refused when below {@code min} or above {@code max}. */
    public static int within(String key, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }
}
