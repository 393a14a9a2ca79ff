package org.paperboy.ranking;

import java.time.LocalDate;
import java.util.List;

/**
 * The papers one reader gets on one day, in sections, lead first.
 *
 * @param topicNames the names of the reader's chosen topics, in the taxonomy's order
 * @param weekFrom   for a weekly reader's digest, the first of the seven days it covers (up to {@code date}); else null
 */
public record Digest(LocalDate date, Preferences preferences, List<Section> sections, List<String> topicNames, LocalDate weekFrom) {

    public Digest {
        sections = List.copyOf(sections);
        topicNames = List.copyOf(topicNames == null || topicNames.isEmpty() ? preferences.topics() : topicNames);
        if (weekFrom != null && weekFrom.isAfter(date)) {
            throw new IllegalArgumentException("a week ending on " + date + " cannot start on " + weekFrom);
        }
    }

    public Digest(LocalDate date, Preferences preferences, List<Section> sections, List<String> topicNames) {
        this(date, preferences, sections, topicNames, null);
    }

    public Digest(LocalDate date, Preferences preferences, List<Section> sections) {
        this(date, preferences, sections, null, null);
    }

    /** This digest as a weekly reader gets it: the best of the seven days ending on its date. */
    public Digest weekly() {
        return weekFrom != null ? this : new Digest(date, preferences, sections, topicNames, date.minusDays(6));
    }

    public boolean isWeekly() {
        return weekFrom != null;
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
