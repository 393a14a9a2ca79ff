package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.papers.Paper;

/**
 * Gives every paper its one best topic. Runs once per paper per run, never per subscriber: the
 * topics' terms are analysed once into stem phrases indexed by their first stem, and a paper's
 * title, abstract and own keywords are each scanned once.
 */
public final class Classifier {

    static final double TITLE_WEIGHT = 3;
    static final double KEYWORDS_WEIGHT = 2;
    static final double ABSTRACT_WEIGHT = 1;
    static final double ABSTRACT_REPEAT_WEIGHT = 0.5;
    static final int ABSTRACT_REPEAT_CAP = 4;
    static final double ABSTRACT_CAP = 6;
    static final double KEYWORDS_CAP = 6;
    /** Another topic counts when its evidence is at least this share of the best topic's. */
    static final double ALSO_SHARE = 0.5;
    /** Topics a paper is filed under at most, the best one included. */
    static final int MAX_TOPICS = 3;

    private final Taxonomy taxonomy;
    private final double minScore;
    private final TopicLikeness likeness;
    /** The vectors likeness compares; null: TF-IDF of the analysed text ({@link PaperVectors#tfidfOf}), Paperboy's. */
    private final PaperVectors representation;
    private final TermAnalyzer analyzer = new TermAnalyzer();
    private final List<Term> terms = new ArrayList<>();
    private final Map<String, List<Term>> byFirstStem = new HashMap<>();

    /** One keyword or acronym of a topic; {@code stems} is null for an acronym. */
    record Term(int index, int topic, String text, String[] stems) {
    }

    /** Keywords, then what the day's papers are like ({@link TopicLikeness}). */
    public Classifier(Taxonomy taxonomy, double minScore) {
        this(taxonomy, minScore, true);
    }

    /** @param likeness whether the day's paper vectors settle what keywords leave open ({@link TopicLikeness}); false: keywords alone */
    Classifier(Taxonomy taxonomy, double minScore, boolean likeness) {
        this(taxonomy, minScore, likeness, null);
    }

    /** With likeness on another representation's vectors: only to compare representations (TopicFamiliesOnArxivTest). */
    Classifier(Taxonomy taxonomy, double minScore, PaperVectors representation) {
        this(taxonomy, minScore, true, representation);
    }

    private Classifier(Taxonomy taxonomy, double minScore, boolean likeness, PaperVectors representation) {
        this.taxonomy = taxonomy;
        this.minScore = minScore;
        this.likeness = likeness ? new TopicLikeness(taxonomy) : null;
        this.representation = representation;
        for (int t = 0; t < taxonomy.topics().size(); t++) {
            Topic topic = taxonomy.topics().get(t);
            for (String keyword : topic.keywords()) {
                String[] stems = analyzer.stems(keyword);
                if (stems.length > 0) {
                    Term term = new Term(terms.size(), t, keyword, stems);
                    terms.add(term);
                    byFirstStem.computeIfAbsent(stems[0], k -> new ArrayList<>()).add(term);
                }
            }
            for (String acronym : topic.acronyms()) {
                terms.add(new Term(terms.size(), t, acronym, null));
            }
        }
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /**
     * Classifies every paper, keeping its analysed text for the keyword boosts of ranking: by
     * keywords, then by what the papers are like ({@link TopicLikeness}), whose vectors are kept
     * for readers' votes.
     */
    public Classified classify(List<Paper> papers) {
        List<ClassifiedPaper> classified = new ArrayList<>(papers.size());
        List<PaperTerms> analysed = new ArrayList<>(papers.size());
        double[][] scores = new double[papers.size()][];
        for (int i = 0; i < papers.size(); i++) {
            Paper paper = papers.get(i);
            PaperTerms text = analyse(paper);
            analysed.add(text);
            int[][] counts = counts(paper, text);
            scores[i] = scores(counts);
            classified.add(classify(paper, counts, scores[i]));
        }
        if (likeness == null) {
            return new Classified(classified, analysed, analyzer, null, null);
        }
        float[][] vectors = representation == null ? PaperVectors.tfidfOf(analysed) : representation.vectors(papers);
        List<Topic> keywordTopics = classified.stream().map(ClassifiedPaper::topic).toList();
        return new Classified(likeness.place(classified, scores, vectors), analysed, analyzer, vectors, keywordTopics);
    }

    PaperTerms analyse(Paper paper) {
        List<String[]> keywords = new ArrayList<>(paper.keywords().size());
        for (String keyword : paper.keywords()) {
            keywords.add(analyzer.stems(keyword));
        }
        return new PaperTerms(analyzer.stems(paper.title()), analyzer.stems(paper.abstractText()), keywords);
    }

    private int[][] counts(Paper paper, PaperTerms text) {
        int[][] counts = new int[Match.Field.values().length][terms.size()];
        count(text.title(), counts[Match.Field.TITLE.ordinal()]);
        count(text.abstractText(), counts[Match.Field.ABSTRACT.ordinal()]);
        for (String[] keyword : text.keywords()) {
            count(keyword, counts[Match.Field.KEYWORDS.ordinal()]);
        }
        countAcronyms(paper, counts);
        return counts;
    }

    private ClassifiedPaper classify(Paper paper, int[][] counts, double[] scores) {
        int best = -1;
        for (int t = 0; t < scores.length; t++) {
            if (scores[t] >= minScore && (best < 0 || scores[t] > scores[best])) {
                best = t;
            }
        }
        if (best < 0) {
            return new ClassifiedPaper(paper, null, 0, List.of());
        }
        return new ClassifiedPaper(paper, taxonomy.topics().get(best), scores[best], matches(counts, best),
                also(counts, scores, best));
    }

    /** The other topics with enough evidence of their own and at least half the best's, best first (ties by file order). */
    private List<ClassifiedPaper.TopicMatch> also(int[][] counts, double[] scores, int best) {
        List<Integer> others = new ArrayList<>();
        for (int t = 0; t < scores.length; t++) {
            if (t != best && scores[t] >= minScore && scores[t] >= ALSO_SHARE * scores[best]) {
                others.add(t);
            }
        }
        others.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        return others.stream().limit(MAX_TOPICS - 1)
                .map(t -> new ClassifiedPaper.TopicMatch(taxonomy.topics().get(t), scores[t], matches(counts, t))).toList();
    }

    private void count(String[] stems, int[] counts) {
        for (int i = 0; i < stems.length; i++) {
            List<Term> candidates = byFirstStem.get(stems[i]);
            if (candidates != null) {
                for (Term term : candidates) {
                    if (startsAt(stems, i, term.stems())) {
                        counts[term.index()]++;
                    }
                }
            }
        }
    }

    private static boolean startsAt(String[] text, int at, String[] phrase) {
        if (at + phrase.length > text.length) {
            return false;
        }
        for (int j = 1; j < phrase.length; j++) {
            if (!phrase[j].equals(text[at + j])) {
                return false;
            }
        }
        return true;
    }

    private void countAcronyms(Paper paper, int[][] counts) {
        for (Term term : terms) {
            if (term.stems() == null) {
                counts[Match.Field.TITLE.ordinal()][term.index()] += TermAnalyzer.countAcronym(paper.title(), term.text());
                counts[Match.Field.ABSTRACT.ordinal()][term.index()] += TermAnalyzer.countAcronym(paper.abstractText(), term.text());
                for (String keyword : paper.keywords()) {
                    counts[Match.Field.KEYWORDS.ordinal()][term.index()] += TermAnalyzer.countAcronym(keyword, term.text());
                }
            }
        }
    }

    /**
     * Each topic's evidence: every title match counts in full; the abstract and the paper's own
     * keywords count up to a cap each, so a method named all over an abstract (reinforcement
     * learning, say) does not outweigh the subject the title names (robotics, code, reasoning).
     */
    private double[] scores(int[][] counts) {
        int topics = taxonomy.topics().size();
        double[] title = new double[topics];
        double[] abstractText = new double[topics];
        double[] keywords = new double[topics];
        for (Term term : terms) {
            int i = term.index();
            title[term.topic()] += counts[Match.Field.TITLE.ordinal()][i] > 0 ? TITLE_WEIGHT : 0;
            keywords[term.topic()] += counts[Match.Field.KEYWORDS.ordinal()][i] > 0 ? KEYWORDS_WEIGHT : 0;
            int inAbstract = counts[Match.Field.ABSTRACT.ordinal()][i];
            if (inAbstract > 0) {
                abstractText[term.topic()] += ABSTRACT_WEIGHT + ABSTRACT_REPEAT_WEIGHT * Math.min(inAbstract - 1, ABSTRACT_REPEAT_CAP);
            }
        }
        double[] scores = new double[topics];
        for (int t = 0; t < topics; t++) {
            double w = taxonomy.topics().get(t).weight();
            scores[t] = w * (title[t] + Math.min(abstractText[t], ABSTRACT_CAP) + Math.min(keywords[t], KEYWORDS_CAP));
        }
        return scores;
    }

    /** The topic's terms found, one per term at its strongest field: title, then keywords, then abstract. */
    private List<Match> matches(int[][] counts, int topic) {
        List<Match> found = new ArrayList<>();
        for (Match.Field field : Match.Field.values()) {
            for (Term term : terms) {
                if (term.topic() == topic && counts[field.ordinal()][term.index()] > 0 && !already(found, term.text())) {
                    found.add(new Match(term.text(), field, counts[field.ordinal()][term.index()]));
                }
            }
        }
        found.sort((a, b) -> a.field() != b.field() ? a.field().compareTo(b.field()) : Integer.compare(b.count(), a.count()));
        return found;
    }

    private static boolean already(List<Match> found, String term) {
        return found.stream().anyMatch(m -> m.term().equals(term));
    }
}
