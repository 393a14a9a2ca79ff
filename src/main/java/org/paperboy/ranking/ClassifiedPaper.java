package org.paperboy.ranking;

import java.util.List;
import org.paperboy.papers.Paper;

/**
 * A paper with its one topic, decided once per run.
 *
 * @param topic        the best topic, or null when the paper matches none ("More papers")
 * @param topicScore   the evidence for that topic: title matches weigh most, then the paper's own
 *                     keywords, then the abstract
 * @param matches      the best topic's terms found in the paper, strongest first
 */
public record ClassifiedPaper(Paper paper, Topic topic, double topicScore, List<Match> matches) {

    public ClassifiedPaper {
        matches = List.copyOf(matches);
    }

    public String slug() {
        return topic == null ? Ranker.MORE_SLUG : topic.slug();
    }
}
