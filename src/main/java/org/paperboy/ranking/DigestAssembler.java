package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds one reader's digest by walking their preference set's order: the lead section first,
 * then each paper into its topic's section while the limits allow, chosen topics shown first and
 * "More papers" last.
 */
final class DigestAssembler {

    private final Ranker ranker;
    private final Variant variant;
    private final Preferences preferences;
    private final Predicate<String> leftOut;
    private final DigestConfig shape;
    private final List<RankedPaper> lead = new ArrayList<>();
    private final Map<String, List<RankedPaper>> sections = new LinkedHashMap<>();
    private int total;
    private int fullSections;

    /** @param leftOut the paper ids this reader must not get (already sent to them) */
    DigestAssembler(Ranker ranker, Variant variant, Preferences preferences, Predicate<String> leftOut) {
        this.ranker = ranker;
        this.variant = variant;
        this.preferences = preferences;
        this.leftOut = leftOut;
        this.shape = ranker.shape();
    }

    Digest assemble() {
        variant.walk(ranker.baseOrder(), this::offer);
        List<Section> result = new ArrayList<>();
        if (!lead.isEmpty()) {
            result.add(new Section(Ranker.LEAD_SLUG, Ranker.LEAD_NAME, lead));
        }
        for (Topic topic : ranker.taxonomy().topics()) {
            if (variant.chosen().contains(topic.slug()) && sections.containsKey(topic.slug())) {
                result.add(new Section(topic.slug(), topic.name(), sections.get(topic.slug())));
            }
        }
        sections.forEach((slug, papers) -> {
            if (!variant.chosen().contains(slug) && !slug.equals(Ranker.MORE_SLUG)) {
                result.add(new Section(slug, papers.get(0).topicName(), papers));
            }
        });
        if (sections.containsKey(Ranker.MORE_SLUG)) {
            result.add(new Section(Ranker.MORE_SLUG, Ranker.MORE_NAME, sections.get(Ranker.MORE_SLUG)));
        }
        return new Digest(ranker.date(), preferences, result);
    }

    /** Takes the paper if it fits; returns false once the digest is full. */
    private boolean offer(int index) {
        ClassifiedPaper c = ranker.papers().get(index);
        if (leftOut.test(c.paper().id()) || excluded(c)) {
            return true;
        }
        if (lead.size() < shape.leadPapers()) {
            lead.add(ranked(index, c));
            total++;
        } else {
            List<RankedPaper> section = sections.get(c.slug());
            if (section == null && sections.size() < shape.maxSections()) {
                section = new ArrayList<>(shape.papersPerSection());
                sections.put(c.slug(), section);
            }
            if (section != null && section.size() < shape.papersPerSection()) {
                section.add(ranked(index, c));
                total++;
                if (section.size() == shape.papersPerSection()) {
                    fullSections++;
                }
            }
        }
        return total < shape.maxPapers() && !allFull();
    }

    private boolean excluded(ClassifiedPaper c) {
        return shape.onlyChosenTopics() && !variant.chosen().isEmpty() && !variant.chosen().contains(c.slug());
    }

    private boolean allFull() {
        return lead.size() >= shape.leadPapers() && sections.size() >= shape.maxSections() && fullSections == sections.size();
    }

    private RankedPaper ranked(int index, ClassifiedPaper c) {
        List<String> reasons = new ArrayList<>(ranker.baseReasons(index));
        Set<String> highlights = new LinkedHashSet<>();
        c.matches().forEach(m -> highlights.add(m.term()));
        if (variant.chosen().contains(c.slug())) {
            reasons.add("your topic");
        }
        List<String> hits = variant.keywordHits()[index];
        if (hits != null) {
            reasons.add("your keyword" + (hits.size() == 1 ? " " : "s ") + String.join(", ", hits.stream().map(k -> "\"" + k + "\"").toList()));
            highlights.addAll(hits);
        }
        String name = c.topic() == null ? Ranker.MORE_NAME : c.topic().name();
        return new RankedPaper(c.paper(), c.slug(), name, Math.round(variant.scores()[index] * 1000) / 1000.0, reasons,
                List.copyOf(highlights));
    }
}
