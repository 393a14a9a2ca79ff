package org.paperboy.ranking;

import java.util.List;

/** One section of a digest: the lead ("Top papers"), a topic, or "More papers". */
public record Section(String slug, String name, List<RankedPaper> papers) {

    public Section {
        papers = List.copyOf(papers);
        if (papers.isEmpty()) {
            throw new IllegalArgumentException("a section needs papers: " + slug);
        }
    }
}
