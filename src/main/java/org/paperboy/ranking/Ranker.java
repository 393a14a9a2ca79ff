package org.paperboy.ranking;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.paperboy.ConfigException;

/**
 * Turns a run's classified papers into each reader's {@link Digest}. The general scores and
 * order are computed once; each distinct preference set is scored once and cached; a
 * subscriber's digest is then a walk down that order that skips what they were already sent.
 * A reader's votes ({@link Taste}) move that order for them alone: the day's paper vectors are
 * computed once, on the first reader with votes, and each such reader costs one dot product per
 * paper and a sort of only as many papers as their digest reads.
 */
public final class Ranker {

    public static final String LEAD_SLUG = "top";
    public static final String LEAD_NAME = "Top papers";
    public static final String MORE_SLUG = "more";
    public static final String MORE_NAME = "More papers";
    public static final String PERSONAL_LEAD_NAME = "Top papers for you";
    public static final String TRENDING_SLUG = "trending";
    public static final String TRENDING_NAME = "Also trending today";
    /** The period a ranking covers, as reasons say it: "#1 today", "#1 this week". */
    public static final String DAY = "today";
    public static final String WEEK = "this week";
    private static final int CACHED_VARIANTS = 4096;
    private static final double TOPIC_INTEREST = 1.0;
    /** A chosen topic the paper has only by likeness to its papers ("close to papers on ...") counts for less. */
    private static final double ALIKE_TOPIC_INTEREST = 0.5;
    private static final double TITLE_KEYWORD_INTEREST = 1.0;
    private static final double TEXT_KEYWORD_INTEREST = 0.75;

    private final Classified classified;
    private final List<ClassifiedPaper> papers;
    private final LocalDate date;
    private final RankingConfig config;
    private final DigestConfig shape;
    private final Taxonomy taxonomy;
    private final double[] base;
    private final int[] baseOrder;
    private final String period;
    private final int[] trendOrder;
    private final int[] trendRank;
    private final Map<Preferences, Variant> variants = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Preferences, Variant> eldest) {
            return size() > CACHED_VARIANTS;
        }
    });
    private volatile StemIndex stemIndex;
    private final PaperVectors representation;
    private volatile DayVectors dayVectors;

    public Ranker(Classified classified, Taxonomy taxonomy, LocalDate date, RankingConfig config, DigestConfig shape) {
        this(classified, taxonomy, date, config, shape, DAY);
    }

    /** @param period {@link #DAY} or {@link #WEEK}: what "#1 today" and "Also trending today" say */
    public Ranker(Classified classified, Taxonomy taxonomy, LocalDate date, RankingConfig config, DigestConfig shape, String period) {
        this(classified, taxonomy, date, config, shape, period, PaperVectors.named(config.representation()));
    }

    /**
     * @param representation what the day's papers are like, for readers' votes: computed once, on
     *                       the first reader with votes (or the first call of {@link #vectors()})
     */
    public Ranker(Classified classified, Taxonomy taxonomy, LocalDate date, RankingConfig config, DigestConfig shape, String period,
                  PaperVectors representation) {
        this.representation = representation;
        this.period = period;
        this.classified = classified;
        this.papers = classified.papers();
        this.taxonomy = taxonomy;
        this.date = date;
        this.config = config;
        this.shape = shape;
        Signals signals = new Signals(date, config);
        this.base = new double[papers.size()];
        for (int i = 0; i < papers.size(); i++) {
            base[i] = signals.base(papers.get(i));
        }
        this.baseOrder = Variant.sortByScore(Variant.indices(papers.size()), base);
        this.trendOrder = Signals.trendOrder(papers, base);
        this.trendRank = new int[papers.size()];
        for (int r = 0; r < trendOrder.length; r++) {
            trendRank[trendOrder[r]] = r + 1;
        }
    }


    public LocalDate date() {
        return date;
    }

    /** The digest for a reader with these preferences and no votes, leaving out the papers already sent to them. */
    public Digest rank(Preferences preferences, Set<String> alreadySent) {
        return rank(preferences, Taste.NONE, alreadySent);
    }

    /**
     * The digest for a reader with these preferences and votes, leaving out the papers already sent
     * to them. Papers like those they liked rise (chosen topics or not), papers like those they hid
     * sink; with {@link Taste#NONE} it is exactly the digest of {@link #rank(Preferences, Set)}.
     */
    public Digest rank(Preferences preferences, Taste taste, Set<String> alreadySent) {
        return new DigestAssembler(this, variant(preferences, taste), preferences, alreadySent::contains).assemble();
    }

    /**
     * The digest that holds exactly these papers, as {@link #rank} chose them earlier for a reader
     * with these preferences: delivery rebuilds a planned digest this way without its history.
     */
    public Digest rankExactly(Preferences preferences, Set<String> paperIds) {
        return rankExactly(preferences, Taste.NONE, paperIds);
    }

    /** As {@link #rankExactly(Preferences, Set)} for a reader with votes: the same order and reasons as planned. */
    public Digest rankExactly(Preferences preferences, Taste taste, Set<String> paperIds) {
        return new DigestAssembler(this, variant(preferences, taste), preferences, id -> !paperIds.contains(id)).assemble();
    }

    /** The name of the representation of {@link #vectors()}, stored with each vector. */
    public String representation() {
        return representation.model();
    }

    /** The day's paper vectors by paper id, computed once: what votes carry and what the database may keep. */
    public Map<String, float[]> vectors() {
        DayVectors day = day();
        Map<String, float[]> byId = new LinkedHashMap<>();
        for (int i = 0; i < day.vectors().length; i++) {
            byId.put(papers.get(i).paper().id(), day.vectors()[i]);
        }
        return byId;
    }

    /** The day's vector of the paper with this id, or null when it is not among the day's papers. */
    public float[] vector(String paperId) {
        Integer index = day().indexById().get(paperId);
        return index == null ? null : day().vectors()[index];
    }

    private Variant variant(Preferences preferences, Taste taste) {
        Variant variant = variants.computeIfAbsent(preferences, this::variant);
        if (taste == null || taste.isEmpty()) {
            return variant;
        }
        TasteScores scores = TasteScores.of(taste, day(), config.weights().interest());
        return scores == null ? variant : variant.withTaste(scores);
    }

    private DayVectors day() {
        DayVectors day = dayVectors;
        if (day == null) {
            synchronized (this) {
                if (dayVectors == null) {
                    dayVectors = DayVectors.of(representation, classified, taxonomy);
                }
                day = dayVectors;
            }
        }
        return day;
    }

    /** The general digest: no preferences, no history. */
    public Digest general() {
        return rank(Preferences.NONE, Set.of());
    }

    /** Throws when a preference names a topic the taxonomy does not have. */
    public void check(Preferences preferences) {
        for (String slug : preferences.topics()) {
            if (taxonomy.bySlug(slug).isEmpty()) {
                throw new ConfigException("unknown topic \"" + slug + "\"; the topics are: "
                        + taxonomy.topics().stream().map(Topic::slug).collect(Collectors.joining(", ")));
            }
        }
    }

    private Variant variant(Preferences preferences) {
        check(preferences);
        Set<String> chosen = new HashSet<>(preferences.topics());
        double[] scores = base.clone();
        boolean[] boosted = new boolean[papers.size()];
        List<String>[] hits = Variant.emptyHits(papers.size());
        List<Integer> boostedIndices = new ArrayList<>();
        double weight = config.weights().interest();
        if (!chosen.isEmpty()) {
            for (int i = 0; i < papers.size(); i++) {
                ClassifiedPaper c = papers.get(i);
                if (c.firstOf(chosen) != null) {
                    boolean byKeyword = c.slugs().stream().anyMatch(slug -> chosen.contains(slug) && !c.alike(slug));
                    scores[i] += weight * (byKeyword ? TOPIC_INTEREST : ALIKE_TOPIC_INTEREST);
                    boosted[i] = true;
                    boostedIndices.add(i);
                }
            }
        }
        for (String keyword : preferences.keywords()) {
            String[] stems = classified.stems(keyword);
            if (stems.length == 0) {
                continue;
            }
            for (int i : stemIndex().candidates(stems[0])) {
                int where = classified.terms(i).find(stems, true);
                if (where > 0) {
                    scores[i] += weight * (where == 2 ? TITLE_KEYWORD_INTEREST : TEXT_KEYWORD_INTEREST);
                    if (!boosted[i]) {
                        boosted[i] = true;
                        boostedIndices.add(i);
                    }
                    hits[i] = hits[i] == null ? new ArrayList<>(2) : hits[i];
                    hits[i].add(keyword);
                }
            }
        }
        return new Variant(Variant.sortByScore(boostedIndices, scores), scores, hits, boosted, chosen);
    }

    private StemIndex stemIndex() {
        StemIndex index = stemIndex;
        if (index == null) {
            synchronized (this) {
                if (stemIndex == null) {
                    stemIndex = new StemIndex(classified, papers.size());
                }
                index = stemIndex;
            }
        }
        return index;
    }

    List<ClassifiedPaper> papers() {
        return papers;
    }

    int[] baseOrder() {
        return baseOrder;
    }

    String period() {
        return period;
    }

    int[] trendOrder() {
        return trendOrder;
    }

    /** The paper's place in the day's upvote order, from 1. */
    int trendRank(int index) {
        return trendRank[index];
    }

    DigestConfig shape() {
        return shape;
    }

    Taxonomy taxonomy() {
        return taxonomy;
    }

    /** Which papers hold a stem anywhere: built on the first keyword query, then shared. */
    private static final class StemIndex {
        private final Map<String, int[]> postings = new HashMap<>();

        StemIndex(Classified classified, int size) {
            Map<String, List<Integer>> lists = new HashMap<>();
            for (int i = 0; i < size; i++) {
                PaperTerms terms = classified.terms(i);
                Set<String> stems = new HashSet<>(Arrays.asList(terms.title()));
                stems.addAll(Arrays.asList(terms.abstractText()));
                terms.keywords().forEach(k -> stems.addAll(Arrays.asList(k)));
                for (String stem : stems) {
                    lists.computeIfAbsent(stem, s -> new ArrayList<>()).add(i);
                }
            }
            lists.forEach((stem, list) -> postings.put(stem, list.stream().mapToInt(Integer::intValue).toArray()));
        }

        int[] candidates(String stem) {
            return postings.getOrDefault(stem, new int[0]);
        }
    }
}
