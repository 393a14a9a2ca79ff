package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.ranking.RankingFixtures.DAY;
import static org.paperboy.ranking.RankingFixtures.paper;
import static org.paperboy.ranking.RankingFixtures.testTopics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paperboy.papers.Paper;

class TopicLikenessTest {

    private static final String[] THINGS = {"faces", "rooms", "cats", "streets", "paintings", "maps"};

    /** 30 diffusion papers about image synthesis, 29 RL papers about walking robots, and one paper on image synthesis no keyword matches. */
    private static List<Paper> day() {
        List<Paper> papers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String thing = THINGS[i % THINGS.length];
            papers.add(paper("d" + i, "Denoising diffusion for image synthesis of " + thing,
                    "We generate images of " + thing + " in pixel space with a diffusion sampler and fewer sampler steps."));
        }
        for (int i = 0; i < 29; i++) {
            String thing = THINGS[i % THINGS.length];
            papers.add(paper("r" + i, "Reinforcement learning of a walking policy near " + thing,
                    "An agent learns to walk in episodes near " + thing + "; the policy maximises the reward of the environment."));
        }
        papers.add(paper("x", "Faster sampler steps for image synthesis", "We generate images of faces in pixel space with fewer sampler steps."));
        return papers;
    }

    private static ClassifiedPaper x(Classified classified) {
        return classified.papers().stream().filter(c -> c.paper().id().equals("x")).findFirst().orElseThrow();
    }

    @Test
    void aPaperNoKeywordMatchedJoinsTheTopicWhosePapersItIsLike() {
        ClassifiedPaper c = x(RankingFixtures.classifier().classify(day()));
        assertThat(c.slug()).isEqualTo("diffusion");
        assertThat(c.alike("diffusion")).isTrue();
        assertThat(c.matches()).isEmpty();
        assertThat(c.topicScore()).isZero();
    }

    @Test
    void keywordsAloneLeaveItInMorePapersAndSoDoesASmallBatch() {
        assertThat(x(new Classifier(testTopics(), 2.0, false).classify(day())).slug()).isEqualTo(Ranker.MORE_SLUG);
        assertThat(x(RankingFixtures.classifier().classify(day().subList(20, 60))).slug()).isEqualTo(Ranker.MORE_SLUG);
    }

    @Test
    void papersTheKeywordsPlacedKeepTheirKeywordTopicAndTerms() {
        Classified classified = RankingFixtures.classifier().classify(day());
        ClassifiedPaper d = classified.papers().get(0);
        assertThat(d.slug()).isEqualTo("diffusion");
        assertThat(d.alike("diffusion")).isFalse();
        assertThat(d.matches()).isNotEmpty();
        assertThat(classified.papers().get(30).slug()).isEqualTo("rl");
    }

    @Test
    void theDigestSaysWhyAPaperPlacedByLikenessIsInItsSection() {
        Classifier classifier = RankingFixtures.classifier();
        Ranker ranker = new Ranker(classifier.classify(day()), classifier.taxonomy(), DAY, RankingConfig.DEFAULTS, DigestConfig.DEFAULTS);
        RankedPaper ranked = ranker.rankExactly(Preferences.NONE, Set.of("x")).sections().get(0).papers().get(0);
        assertThat(ranked.paper().id()).isEqualTo("x");
        String name = classifier.taxonomy().bySlug("diffusion").orElseThrow().name();
        assertThat(ranked.reasons()).contains("close to papers on " + name);
        assertThat(ranked.highlights()).isEmpty();
    }
}
