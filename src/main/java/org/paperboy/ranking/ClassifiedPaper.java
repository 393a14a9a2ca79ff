package org.paperboy.ranking;

import java.util.List;
import java.util.Set;
import org.paperboy.papers.Paper;

/**
 * A paper with its one topic, decided once per run.
 *
 * @param topic        the best topic, or null when the paper matches none ("More papers")
 * @param topicScore   the evidence for that topic: title matches weigh most, then the paper's own
 *                     keywords, then the abstract
 * @param matches      the best topic's terms found in the paper, strongest first
 * @param matchedStems the stems of those terms, for highlighting them in the abstract
 */
public record ClassifiedPaper(Paper paper, Topic topic, double topicScore, List<Match> matches, Set<String> matchedStems) {

    public ClassifiedPaper {
        matches = List.copyOf(matches);
        matchedStems = Set.copyOf(matchedStems);
    }

    public String slug() {
        return topic == null ? Ranker.MORE_SLUG : topic.slug();
    }
}
