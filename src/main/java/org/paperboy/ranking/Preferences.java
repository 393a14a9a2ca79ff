package org.paperboy.ranking;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a subscriber chose: topic slugs and free keywords. Normalised (trimmed, lower-case,
 * sorted, without duplicates) so two subscribers with the same choices share one ranking.
 */
public record Preferences(List<String> topics, List<String> keywords) {

    public static final Preferences NONE = new Preferences(List.of(), List.of());

    public Preferences {
        topics = normalise(topics);
        keywords = normalise(keywords);
    }

    public static Preferences of(List<String> topics, List<String> keywords) {
        return new Preferences(topics, keywords);
    }

    public boolean isEmpty() {
        return topics.isEmpty() && keywords.isEmpty();
    }

    private static List<String> normalise(List<String> values) {
        TreeSet<String> set = new TreeSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            String s = Objects.requireNonNullElse(v, "").strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (!s.isEmpty()) {
                set.add(s);
            }
        }
        return List.copyOf(set);
    }
}
