package org.paperboy.ranking;

import java.util.List;

/** The result of classifying a run's papers: each paper's topic, and its analysed text. */
public final class Classified {

    private final List<ClassifiedPaper> papers;
    private final List<PaperTerms> terms;
    private final TermAnalyzer analyzer;

    Classified(List<ClassifiedPaper> papers, List<PaperTerms> terms, TermAnalyzer analyzer) {
        this.papers = List.copyOf(papers);
        this.terms = List.copyOf(terms);
        this.analyzer = analyzer;
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
