package org.paperboy.ranking;

import java.time.LocalDate;
import java.util.List;

/**
 * The papers one reader gets on one day, in sections, lead first.
 *
 * @param topicNames the names of the reader's chosen topics, in the taxonomy's order
 */
public record Digest(LocalDate date, Preferences preferences, List<Section> sections, List<String> topicNames) {

    public Digest {
        sections = List.copyOf(sections);
        topicNames = List.copyOf(topicNames == null || topicNames.isEmpty() ? preferences.topics() : topicNames);
    }

    public Digest(LocalDate date, Preferences preferences, List<Section> sections) {
        this(date, preferences, sections, null);
    }

    public int paperCount() {
        return sections.stream().mapToInt(s -> s.papers().size()).sum();
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }

    /** The ids of every paper in the digest, in order: what delivery records as sent. */
    public List<String> paperIds() {
        return sections.stream().flatMap(s -> s.papers().stream()).map(p -> p.paper().id()).toList();
    }
}
