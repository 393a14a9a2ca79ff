package org.paperboy.ranking;

import java.util.List;
import org.paperboy.papers.Paper;

/**
 * A paper chosen for a digest, with why.
 *
 * @param score        the weighted sum of its signals
 * @param reasons      human-readable, e.g. {@code diffusion (title), sampling (abstract)}, {@code 12 upvotes}
 * @param highlights   the topic terms and the reader's keywords it matched, to highlight in its text
 */
public record RankedPaper(Paper paper, String topicSlug, String topicName, double score, List<String> reasons,
                          List<String> highlights) {

    public RankedPaper {
        reasons = List.copyOf(reasons);
        highlights = List.copyOf(highlights);
    }
}
