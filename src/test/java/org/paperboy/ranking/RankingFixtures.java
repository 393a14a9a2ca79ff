package org.paperboy.ranking;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.paperboy.papers.Links;
import org.paperboy.papers.Paper;

/** Small papers and taxonomies for the ranking tests. */
final class RankingFixtures {

    static final LocalDate DAY = LocalDate.of(2025, 4, 10);

    private RankingFixtures() {
    }

    static Taxonomy testTopics() {
        try {
            return Taxonomy.load(Path.of(RankingFixtures.class.getResource("/ranking/test-topics.yaml").toURI()), false);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Classifier classifier() {
        return new Classifier(testTopics(), RankingConfig.DEFAULTS.minTopicScore());
    }

    static Paper paper(String id, String title, String abstractText) {
        return paper(id, title, abstractText, null, null, List.of());
    }

    static Paper paper(String id, String title, String abstractText, Integer upvotes, LocalDate published, List<String> keywords) {
        return new Paper(id, title, abstractText, List.of("A. Author"), 1, published, upvotes, null, keywords, Links.NONE,
                List.of("test"));
    }

    static ClassifiedPaper classify(Paper paper) {
        return classifier().classify(List.of(paper)).papers().get(0);
    }
}
