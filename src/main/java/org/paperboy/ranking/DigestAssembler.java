package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds one reader's digest. The community leads: the general digest opens with the day's most
 * upvoted papers, whatever their topic. A reader with preferences gets their best matches first
 * (a reader who liked papers, up to twice as many, the extra ones like those they liked),
 * then the day's most upvoted papers they would otherwise miss ("Also trending today", only papers
 * with upvotes: a day without any has no such section). Then each paper
 * goes into a topic's section while the limits allow (a reader's chosen topic first, when the paper
 * fits it), chosen topics shown first and "More papers" last.
 * <p>
 * A reader who hid papers but has liked none yet gets a sampler after their chosen topics: one paper
 * of each other topic, as many as {@code maxPapers} allows, those like what they hid last. The
 * general digest shows the day's first few topics only (six of twenty on a day of arXiv), so without
 * it a reader who came for a subject outside those could hide papers for days and never be shown one
 * to like.
 */
final class DigestAssembler {

    /**
     * A reader who liked papers gets up to this many times the lead, the extra places only for
     * papers like those they liked. Chosen on the arXiv days of ../shared/arxiv, votes on days 1-4
     * measured on day 5 (TasteOnArxiv); not final only so that tuning runs can vary it.
     */
    static int LIKED_LEAD_FACTOR = 2;

    private final Ranker ranker;
    private final Variant variant;
    private final Preferences preferences;
    private final Predicate<String> leftOut;
    private final DigestConfig shape;
    private final boolean[] taken;
    private final List<RankedPaper> lead = new ArrayList<>();
    private final List<RankedPaper> trending = new ArrayList<>();
    private final Map<String, List<RankedPaper>> sections = new LinkedHashMap<>();
    private String leadName = Ranker.LEAD_NAME;
    private final boolean sampler;
    private int total;
    private int fullSections;

    /** @param leftOut the paper ids this reader must not get (already sent to them) */
    DigestAssembler(Ranker ranker, Variant variant, Preferences preferences, Predicate<String> leftOut) {
        this.ranker = ranker;
        this.variant = variant;
        this.preferences = preferences;
        this.leftOut = leftOut;
        this.shape = ranker.shape();
        this.taken = new boolean[ranker.papers().size()];
        this.sampler = variant.taste() != null && !variant.taste().likes();
    }

    Digest assemble() {
        if (variant.personal(preferences)) {
            fill(lead, variant.lead(), shape.leadPapers(), Fill.WANTED);
            if (variant.taste() != null && variant.taste().likes()) {
                fill(lead, variant.lead(), shape.leadPapers() * LIKED_LEAD_FACTOR, Fill.ALIKE);
            }
            leadName = Ranker.PERSONAL_LEAD_NAME;
        }
        if (lead.isEmpty()) {
            fill(lead, ScoreOrder.of(ranker.trendOrder()), shape.leadPapers(), Fill.WANTED);
            leadName = Ranker.LEAD_NAME;
        } else {
            fill(trending, ScoreOrder.of(ranker.trendOrder()), shape.trendingPapers(), Fill.UPVOTED);
        }
        if (total < shape.maxPapers()) {
            variant.walk(ranker.baseOrder(), this::offer);
        }
        List<String> names = ranker.taxonomy().topics().stream().filter(t -> variant.chosen().contains(t.slug())).map(Topic::name).toList();
        return new Digest(ranker.date(), preferences, sections(), names,
                ranker.period().equals(Ranker.WEEK) ? ranker.date().minusDays(6) : null);
    }

    /** Which papers a {@link #fill} takes, besides those not yet taken, not left out and not sunk by votes. */
    private enum Fill {
        /** Papers of the reader's chosen topics when the digest holds only those. */
        WANTED,
        /** As {@link #WANTED}, and only papers like those the reader liked. */
        ALIKE,
        /** Papers the community upvoted, in the upvote order: "Also trending today" names no paper without upvotes. */
        UPVOTED
    }

    /** Takes the first {@code limit} papers of {@code order} that this reader may get into {@code into}. */
    private void fill(List<RankedPaper> into, ScoreOrder order, int limit, Fill which) {
        for (int i = 0; i < order.length() && into.size() < limit && total < shape.maxPapers(); i++) {
            int index = order.at(i);
            ClassifiedPaper c = ranker.papers().get(index);
            if (which == Fill.UPVOTED && (c.paper().upvotes() == null || c.paper().upvotes() <= 0)) {
                return;
            }
            boolean fits = which == Fill.UPVOTED || !excluded(c) && (which == Fill.WANTED || variant.taste().alike(index));
            if (!taken[index] && !leftOut.test(c.paper().id()) && fits && !sunk(index)) {
                into.add(ranked(index, c));
                taken[index] = true;
                total++;
            }
        }
    }

    private List<Section> sections() {
        List<Section> result = new ArrayList<>();
        if (!lead.isEmpty()) {
            result.add(new Section(Ranker.LEAD_SLUG, leadName, lead));
        }
        if (!trending.isEmpty()) {
            result.add(new Section(Ranker.TRENDING_SLUG, "Also trending " + ranker.period(), trending));
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
        return result;
    }

    /** Takes the paper if it fits; returns false once the digest is full. */
    private boolean offer(int index) {
        ClassifiedPaper c = ranker.papers().get(index);
        if (taken[index] || leftOut.test(c.paper().id()) || excluded(c)) {
            return true;
        }
        String slug = sectionSlug(c);
        boolean sampled = sampler && !variant.chosen().contains(slug);
        int limit = sampled ? 1 : shape.papersPerSection();
        List<RankedPaper> section = sections.get(slug);
        if (section == null && (sampled || ownSections() < shape.maxSections())) {
            section = new ArrayList<>(limit);
            sections.put(slug, section);
        }
        if (section != null && section.size() < limit) {
            section.add(ranked(index, c));
            taken[index] = true;
            total++;
            if (section.size() == limit) {
                fullSections++;
            }
        }
        return total < shape.maxPapers() && (sampler || !allFull());
    }

    /** The sections {@code maxSections} limits: all, or in a sampler the chosen topics' alone. */
    private int ownSections() {
        return sampler ? (int) sections.keySet().stream().filter(variant.chosen()::contains).count() : sections.size();
    }

    /** The reader's first chosen topic the paper fits, else its best topic. */
    private String sectionSlug(ClassifiedPaper c) {
        Topic chosen = c.firstOf(variant.chosen());
        return chosen != null ? chosen.slug() : c.slug();
    }

    /** Whether the reader's votes sink the paper: then it takes no place in the lead or among the trending papers. */
    private boolean sunk(int index) {
        return variant.taste() != null && variant.taste().adjustment(index) < 0;
    }

    private boolean excluded(ClassifiedPaper c) {
        return shape.onlyChosenTopics() && !variant.chosen().isEmpty() && c.firstOf(variant.chosen()) == null;
    }

    private boolean allFull() {
        return sections.size() >= shape.maxSections() && fullSections == sections.size();
    }

    /** The paper with its reasons in words: {@code #1 today · 163 upvotes · your topic: Agents · mentions "world model"}. */
    private RankedPaper ranked(int index, ClassifiedPaper c) {
        Topic chosen = c.firstOf(variant.chosen());
        Topic shown = chosen != null ? chosen : c.topic();
        List<Match> matches = shown == null ? List.of() : c.matches(shown.slug());
        List<String> reasons = new ArrayList<>(Signals.reasons(c, ranker.trendRank(index), ranker.period()));
        if (chosen != null) {
            reasons.add("your topic: " + chosen.name());
        }
        List<String> hits = variant.keywordHits()[index];
        String liked = variant.taste() != null && variant.taste().alike(index)
                ? variant.taste().mostLike(index) : null;
        if (liked != null) {
            reasons.add("like \"" + TasteScores.shortTitle(liked) + "\", which you liked");
        }
        if (hits != null) {
            reasons.add("your keyword" + (hits.size() == 1 ? " " : "s ") + String.join(", ", hits.stream().map(k -> "\"" + k + "\"").toList()));
        } else if (liked == null && Signals.mentions(matches) != null) {
            reasons.add(Signals.mentions(matches));
        } else if (liked == null && chosen == null && shown != null && c.alike(shown.slug())) {
            reasons.add("close to papers on " + shown.name());
        }
        Set<String> highlights = new LinkedHashSet<>();
        matches.forEach(m -> highlights.add(m.term()));
        if (hits != null) {
            highlights.addAll(hits);
        }
        String slug = shown == null ? Ranker.MORE_SLUG : shown.slug();
        String name = shown == null ? Ranker.MORE_NAME : shown.name();
        return new RankedPaper(c.paper(), slug, name, Math.round(variant.scores()[index] * 1000) / 1000.0, reasons,
                List.copyOf(highlights), Signals.terms(matches), ranker.trendRank(index));
    }
}
