package org.paperboy.ranking;

import java.util.List;
import java.util.Set;
import org.paperboy.papers.Paper;

/**
 * A paper chosen for a digest, with why.
 *
 * @param score        the weighted sum of its signals
 * @param reasons      human-readable, e.g. {@code diffusion (title), sampling (abstract)}, {@code 12 upvotes}
 * @param matchedStems stems of the topic terms and keywords it matched, for highlighting
 */
public record RankedPaper(Paper paper, String topicSlug, String topicName, double score, List<String> reasons,
                          Set<String> matchedStems) {

    public RankedPaper {
        reasons = List.copyOf(reasons);
        matchedStems = Set.copyOf(matchedStems);
    }
}
