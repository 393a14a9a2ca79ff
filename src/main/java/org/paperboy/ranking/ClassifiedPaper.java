package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.paperboy.papers.Paper;

/**
 * A paper with its topics, decided once per run: the best one (its section) and every other topic
 * it matches well (for readers who chose them, and for filters).
 *
 * @param topic        the best topic, or null when the paper matches none ("More papers")
 * @param topicScore   the evidence for that topic: title matches weigh most, then the paper's own
 *                     keywords, then the abstract
 * @param matches      the best topic's terms found in the paper, strongest first
 * @param also         the other topics it matches well, best first
 * @param alike        the slugs of its topics that no keyword gave it: the paper is close to the
 *                     day's papers the keywords placed there ({@link TopicLikeness})
 */
public record ClassifiedPaper(Paper paper, Topic topic, double topicScore, List<Match> matches, List<TopicMatch> also,
                              Set<String> alike) {

    /** One more topic a paper fits, with its evidence. */
    public record TopicMatch(Topic topic, double score, List<Match> matches) {

        public TopicMatch {
            matches = List.copyOf(matches);
        }
    }

    public ClassifiedPaper {
        matches = List.copyOf(matches);
        also = List.copyOf(also == null ? List.of() : also);
        alike = Set.copyOf(alike == null ? Set.of() : alike);
    }

    public ClassifiedPaper(Paper paper, Topic topic, double topicScore, List<Match> matches, List<TopicMatch> also) {
        this(paper, topic, topicScore, matches, also, Set.of());
    }

    public ClassifiedPaper(Paper paper, Topic topic, double topicScore, List<Match> matches) {
        this(paper, topic, topicScore, matches, List.of());
    }

    public String slug() {
        return topic == null ? Ranker.MORE_SLUG : topic.slug();
    }

    /** Every topic the paper fits, best first; {@code ["more"]} when none. */
    public List<String> slugs() {
        List<String> slugs = new ArrayList<>(1 + also.size());
        slugs.add(slug());
        also.forEach(t -> slugs.add(t.topic().slug()));
        return slugs;
    }

    /** The terms of the topic with this slug that the paper matched; empty when it does not fit that topic. */
    public List<Match> matches(String slug) {
        if (slug.equals(slug())) {
            return matches;
        }
        return also.stream().filter(t -> t.topic().slug().equals(slug)).findFirst().map(TopicMatch::matches).orElse(List.of());
    }

    /** Whether the paper has the topic with this slug by its likeness to that topic's papers, not by a keyword. */
    public boolean alike(String slug) {
        return alike.contains(slug);
    }

    /** The first of these slugs the paper fits, best topic first; null when it fits none. */
    public Topic firstOf(java.util.Collection<String> slugs) {
        if (topic != null && slugs.contains(topic.slug())) {
            return topic;
        }
        return also.stream().map(TopicMatch::topic).filter(t -> slugs.contains(t.slug())).findFirst().orElse(null);
    }
}
