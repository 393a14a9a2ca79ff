package org.paperboy.ranking;

import java.time.LocalDate;
import java.util.List;

/** The papers one reader gets on one day, in sections, lead first. */
public record Digest(LocalDate date, Preferences preferences, List<Section> sections) {

    public Digest {
        sections = List.copyOf(sections);
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
