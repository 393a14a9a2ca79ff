package org.paperboy.ranking;

import java.util.List;
import org.paperboy.papers.Paper;

/**
 * A paper chosen for a digest, with why.
 *
 * @param score        the weighted sum of its signals
 * @param reasons      human-readable, e.g. {@code #1 today}, {@code 163 upvotes}, {@code your topic: Agents}
 * @param highlights   the topic terms and the reader's keywords it matched, to highlight in its text
 * @param terms        the detailed evidence for tuning, e.g. {@code diffusion (title), sampling (abstract)}
 * @param trendRank    the paper's place in the day's upvote order, from 1 (0 when unknown)
 */
public record RankedPaper(Paper paper, String topicSlug, String topicName, double score, List<String> reasons,
                          List<String> highlights, String terms, int trendRank) {

    public RankedPaper {
        reasons = List.copyOf(reasons);
        highlights = List.copyOf(highlights);
        terms = terms == null ? "" : terms;
    }

    public RankedPaper(Paper paper, String topicSlug, String topicName, double score, List<String> reasons,
                       List<String> highlights) {
        this(paper, topicSlug, topicName, score, reasons, highlights, "", 0);
    }
}
