package org.paperboy.ranking;

import java.util.List;

/** The result of classifying a run's papers: each paper's topic, and its analysed text. */
public final class Classified {

    private final List<ClassifiedPaper> papers;
    private final List<PaperTerms> terms;
    private final TermAnalyzer analyzer;
    private final float[][] vectors;
    private final List<Topic> keywordTopics;

    /**
     * @param vectors       the papers' {@link PaperVectors#tfidf()} vectors, or null when not computed
     * @param keywordTopics each paper's best topic by keywords alone (null for none): what readers' votes move
     */
    Classified(List<ClassifiedPaper> papers, List<PaperTerms> terms, TermAnalyzer analyzer, float[][] vectors, List<Topic> keywordTopics) {
        this.papers = List.copyOf(papers);
        this.terms = List.copyOf(terms);
        this.analyzer = analyzer;
        this.vectors = vectors;
        this.keywordTopics = keywordTopics == null ? papers.stream().map(ClassifiedPaper::topic).toList()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keywordTopics));
    }

    /** The default representation's vectors of the papers, in order, when classification computed them; else null. */
    float[][] vectors() {
        return vectors;
    }

    /** The paper's best topic by keywords alone, null for none. */
    Topic keywordTopic(int index) {
        return keywordTopics.get(index);
    }

    public List<ClassifiedPaper> papers() {
        return papers;
    }

    PaperTerms terms(int index) {
        return terms.get(index);
    }

    String[] stems(String text) {
        return analyzer.stems(text);
    }
}
