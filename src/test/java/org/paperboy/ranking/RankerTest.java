package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paperboy.ranking.RankingFixtures.DAY;
import static org.paperboy.ranking.RankingFixtures.paper;
import static org.paperboy.testing.TestSetup.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paperboy.ConfigException;
import org.paperboy.papers.Paper;

class RankerTest {

    /** Twelve papers over four topics and none, with upvotes and ages that order them. */
    private static List<Paper> day() {
        List<Paper> papers = new ArrayList<>();
        papers.add(paper("rl-hot", "Policy Optimization at Scale", "Reinforcement learning with a reward model.", 300, DAY, List.of()));
        papers.add(paper("rl-mid", "Bandit Policies Revisited", "A bandit policy.", 20, DAY.minusDays(2), List.of()));
        papers.add(paper("rl-old", "Old RL Survey", "RL, RL and RL.", 3, DAY.minusDays(40), List.of()));
        papers.add(paper("diff-hot", "Fast Diffusion Sampling", "Denoising in ten steps.", 120, DAY, List.of()));
        papers.add(paper("diff-mid", "Score Matching for Audio", "Diffusion for sound.", 10, DAY.minusDays(3), List.of()));
        papers.add(paper("llm-hot", "Large Language Models Reason", "An LLM study.", 90, DAY.minusDays(1), List.of()));
        papers.add(paper("llm-mid", "Instruction Tuning Tricks", "Language model tuning.", 8, DAY.minusDays(5), List.of()));
        papers.add(paper("gnn-1", "Message Passing Without Messages", "A GNN paper on protein folding.", 2, DAY.minusDays(6), List.of()));
        papers.add(paper("gnn-2", "Graph Neural Networks for Molecules", "GNN again on protein folding.", 1, DAY.minusDays(9), List.of()));
        papers.add(paper("other-1", "Sorting Networks", "Comparators.", 30, DAY.minusDays(1), List.of()));
        papers.add(paper("other-2", "Compilers for Tensors", "Kernels and protein folding.", 5, DAY.minusDays(2), List.of()));
        papers.add(paper("other-3", "Databases", "Indexes.", null, null, List.of()));
        papers.add(paper("gen-graphs", "Denoising Diffusion on Graph Neural Networks", "Graphs.", 4, DAY.minusDays(1), List.of()));
        return papers;
    }

    private static Ranker ranker(DigestConfig shape) {
        Classifier classifier = RankingFixtures.classifier();
        return new Ranker(classifier.classify(day()), classifier.taxonomy(), DAY, RankingConfig.DEFAULTS, shape);
    }

    private static Ranker ranker() {
        return ranker(digest("{leadPapers: 2, papersPerSection: 2, maxSections: 6, maxPapers: 25}"));
    }

    private static Preferences aliceFollowsGraphs() {
        return Preferences.of(List.of("graphs"), List.of());
    }

    @Test
    void theLeadHoldsTheBestPapersAndTopicSectionsFollow() {
        Digest digest = ranker().general();
        assertThat(digest.sections().get(0).slug()).isEqualTo(Ranker.LEAD_SLUG);
        assertThat(digest.sections().get(0).papers()).extracting(p -> p.paper().id()).containsExactly("rl-hot", "diff-hot");
        assertThat(digest.sections()).extracting(Section::slug).endsWith(Ranker.MORE_SLUG);
        assertThat(digest.paperIds()).doesNotHaveDuplicates();
    }

    @Test
    void everyPaperCarriesReadableReasons() {
        RankedPaper top = ranker().general().sections().get(0).papers().get(0);
        assertThat(top.reasons()).containsExactly("#1 today", "300 upvotes", "mentions \"policy\"");
        assertThat(String.join(" · ", top.reasons())).isEqualTo("#1 today · 300 upvotes · mentions \"policy\"");
        assertThat(top.terms()).isEqualTo("policy (title), reinforcement learning (abstract), reward model (abstract)");
    }

    @Test
    void aReaderSeesTheirTopicNamedInTheReasons() {
        RankedPaper gnn = ranker().rank(aliceFollowsGraphs(), Set.of()).sections().get(0).papers().get(0);
        assertThat(String.join(" · ", gnn.reasons()))
                .isEqualTo("#9 today · 4 upvotes · your topic: Graph learning · mentions \"graph neural network\"");
    }

    @Test
    void theDaysMostUpvotedPaperLeadsEvenWhenItMatchesNoTopic() {
        List<Paper> papers = new ArrayList<>(day());
        papers.add(paper("untopical", "Sorting Revisited", "Comparators and merges.", 900, DAY.minusDays(1), List.of()));
        Classifier classifier = RankingFixtures.classifier();
        Ranker ranker = new Ranker(classifier.classify(papers), classifier.taxonomy(), DAY, RankingConfig.DEFAULTS,
                digest("{leadPapers: 2, papersPerSection: 2, maxSections: 6, maxPapers: 25}"));
        RankedPaper lead = ranker.general().sections().get(0).papers().get(0);
        assertThat(lead.paper().id()).isEqualTo("untopical");
        assertThat(lead.reasons()).containsExactly("#1 today", "900 upvotes");
    }

    @Test
    void aReaderWhoChoseAPapersSecondTopicGetsItInThatSection() {
        ClassifiedPaper c = RankingFixtures.classify(day().get(12));
        assertThat(c.slugs()).containsExactly("diffusion", "graphs");
        Digest alice = ranker(digest("{onlyChosenTopics: true, leadPapers: 0, papersPerSection: 4, maxSections: 6, maxPapers: 25, trendingPapers: 0}"))
                .rank(aliceFollowsGraphs(), Set.of());
        Section graphs = alice.sections().stream().filter(s -> s.slug().equals("graphs")).findFirst().orElseThrow();
        RankedPaper paper = graphs.papers().stream().filter(p -> p.paper().id().equals("gen-graphs")).findFirst().orElseThrow();
        assertThat(paper.reasons()).contains("your topic: Graph learning");
        assertThat(paper.topicSlug()).isEqualTo("graphs");
    }

    @Test
    void aPersonalDigestLeadsWithTheReadersMatchesAndStillShowsTheTopPapers() {
        Digest alice = ranker().rank(aliceFollowsGraphs(), Set.of());
        assertThat(alice.sections().get(0).name()).isEqualTo(Ranker.PERSONAL_LEAD_NAME);
        assertThat(alice.sections().get(0).papers()).allSatisfy(p -> assertThat(p.topicSlug()).isEqualTo("graphs"));
        Section trending = alice.sections().get(1);
        assertThat(trending.slug()).isEqualTo(Ranker.TRENDING_SLUG);
        assertThat(trending.name()).isEqualTo("Also trending today");
        assertThat(trending.papers()).extracting(p -> p.paper().id()).containsExactly("rl-hot", "diff-hot", "llm-hot");
        assertThat(alice.paperIds()).doesNotHaveDuplicates();
    }

    @Test
    void alsoTrendingNamesOnlyPapersWithUpvotes() {
        Digest alice = ranker(digest("{leadPapers: 2, papersPerSection: 2, maxSections: 6, maxPapers: 25, trendingPapers: 10}"))
                .rank(aliceFollowsGraphs(), Set.of());
        Section trending = alice.sections().get(1);
        assertThat(trending.slug()).isEqualTo(Ranker.TRENDING_SLUG);
        assertThat(trending.papers()).isNotEmpty().allSatisfy(p -> assertThat(p.paper().upvotes()).isPositive());
        assertThat(trending.papers()).extracting(p -> p.paper().id()).doesNotContain("other-3");

        List<Paper> arxivDay = new ArrayList<>();
        for (Paper p : day()) {
            arxivDay.add(paper(p.id(), p.title(), p.abstractText(), p.id().equals("rl-mid") ? 0 : null, DAY, List.of()));
        }
        Classifier classifier = RankingFixtures.classifier();
        Ranker noUpvotes = new Ranker(classifier.classify(arxivDay), classifier.taxonomy(), DAY, RankingConfig.DEFAULTS,
                digest("{leadPapers: 2, papersPerSection: 2, maxSections: 6, maxPapers: 25}"));
        Digest digest = noUpvotes.rank(aliceFollowsGraphs(), Set.of());
        assertThat(digest.sections().get(0).name()).isEqualTo(Ranker.PERSONAL_LEAD_NAME);
        assertThat(digest.sections()).extracting(Section::slug).doesNotContain(Ranker.TRENDING_SLUG);
        assertThat(digest.paperIds()).contains("rl-hot");
        assertThat(noUpvotes.general().sections().get(0).name()).isEqualTo(Ranker.LEAD_NAME);
    }

    @Test
    void aReasonNamesTheMostTellingTermWhereTheEvidenceIsStrongest() {
        List<Match> matches = List.of(new Match("image", Match.Field.TITLE, 1), new Match("image restoration", Match.Field.TITLE, 1),
                new Match("super-resolution benchmark", Match.Field.ABSTRACT, 3));
        assertThat(Signals.mentions(matches)).isEqualTo("mentions \"image restoration\"");
        assertThat(Signals.mentions(List.of())).isNull();
    }

    @Test
    void aWeeksRankingSaysThisWeek() {
        Classifier classifier = RankingFixtures.classifier();
        Ranker week = new Ranker(classifier.classify(day()), classifier.taxonomy(), DAY, RankingConfig.DEFAULTS,
                digest("{leadPapers: 2, papersPerSection: 2, maxSections: 6, maxPapers: 25}"), Ranker.WEEK);
        assertThat(week.general().sections().get(0).papers().get(0).reasons()).startsWith("#1 this week");
        assertThat(week.rank(aliceFollowsGraphs(), Set.of()).sections().get(1).name()).isEqualTo("Also trending this week");
    }

    @Test
    void aPlannedDigestIsRebuiltExactly() {
        Ranker ranker = ranker();
        for (Preferences p : List.of(Preferences.NONE, aliceFollowsGraphs(), Preferences.of(List.of("rl"), List.of("protein folding")))) {
            Digest digest = ranker.rank(p, Set.of("rl-mid"));
            assertThat(ranker.rankExactly(p, Set.copyOf(digest.paperIds()))).isEqualTo(digest);
        }
    }

    @Test
    void theSameInputGivesTheSameDigest() {
        assertThat(ranker().rank(aliceFollowsGraphs(), Set.of())).isEqualTo(ranker().rank(aliceFollowsGraphs(), Set.of()));
    }

    @Test
    void chosenTopicsComeFirstAndAreBoosted() {
        Digest general = ranker().general();
        Digest alice = ranker().rank(aliceFollowsGraphs(), Set.of());
        assertThat(alice.sections().get(0).papers()).extracting(p -> p.paper().id()).contains("gnn-1");
        assertThat(general.sections().get(0).papers()).extracting(p -> p.paper().id()).doesNotContain("gnn-1");
        RankedPaper gnn = alice.sections().get(0).papers().stream().filter(p -> p.paper().id().equals("gnn-1")).findFirst().orElseThrow();
        assertThat(gnn.reasons()).contains("your topic: Graph learning");
    }

    @Test
    void chosenTopicSectionsPrecedeTheOthers() {
        Digest digest = ranker(digest("{leadPapers: 0, papersPerSection: 2, maxSections: 6, maxPapers: 25}"))
                .rank(Preferences.of(List.of("llm"), List.of()), Set.of());
        assertThat(digest.sections().get(0).slug()).isEqualTo("llm");
    }

    @Test
    void onlyChosenTopicsLeavesEverythingElseOut() {
        Digest digest = ranker(digest("{onlyChosenTopics: true, leadPapers: 1, papersPerSection: 4, maxSections: 6, maxPapers: 25}"))
                .rank(aliceFollowsGraphs(), Set.of());
        assertThat(digest.sections()).extracting(Section::slug).containsExactly("top", "trending", "graphs");
        assertThat(digest.sections().get(0).papers()).extracting(p -> p.paper().id()).containsExactly("gen-graphs");
        assertThat(digest.sections().get(2).papers()).extracting(p -> p.paper().id()).containsExactly("gnn-1", "gnn-2");
        assertThat(digest.sections().get(1).papers()).extracting(p -> p.paper().id()).containsExactly("rl-hot", "diff-hot", "llm-hot");
        Digest noTrending = ranker(digest("{onlyChosenTopics: true, leadPapers: 1, papersPerSection: 4, maxSections: 6, maxPapers: 25, trendingPapers: 0}"))
                .rank(aliceFollowsGraphs(), Set.of());
        assertThat(noTrending.paperIds()).containsExactlyInAnyOrder("gnn-1", "gnn-2", "gen-graphs");
    }

    @Test
    void freeKeywordsBoostMatchingPapersWhereverTheyStand() {
        Preferences bob = Preferences.of(List.of(), List.of("protein folding"));
        Digest digest = ranker(digest("{leadPapers: 3, papersPerSection: 2, maxSections: 6, maxPapers: 25}")).rank(bob, Set.of());
        assertThat(digest.sections().get(0).papers()).extracting(p -> p.paper().id()).contains("other-2");
        RankedPaper boosted = digest.sections().get(0).papers().stream().filter(p -> p.paper().id().equals("other-2")).findFirst().orElseThrow();
        assertThat(boosted.reasons()).contains("your keyword \"protein folding\"");
    }

    @Test
    void papersAlreadySentAreLeftOut() {
        Ranker ranker = ranker();
        Digest first = ranker.rank(Preferences.NONE, Set.of());
        Digest second = ranker.rank(Preferences.NONE, Set.copyOf(first.paperIds()));
        assertThat(second.paperIds()).doesNotContainAnyElementsOf(first.paperIds());
        assertThat(ranker.rank(Preferences.NONE, Set.of())).isEqualTo(first);
    }

    @Test
    void theLimitsHold() {
        Digest digest = ranker(digest("{leadPapers: 1, papersPerSection: 1, maxSections: 2, maxPapers: 25}")).general();
        assertThat(digest.sections()).hasSize(3);
        assertThat(digest.sections()).allSatisfy(s -> assertThat(s.papers()).hasSize(1));
        assertThat(ranker(digest("{leadPapers: 2, papersPerSection: 5, maxSections: 6, maxPapers: 4}"))
                .general().paperCount()).isEqualTo(4);
    }

    @Test
    void aSubscriberWithNoPreferencesGetsTheGeneralDigest() {
        assertThat(ranker().rank(Preferences.of(List.of(" "), List.of()), Set.of())).isEqualTo(ranker().general());
    }

    @Test
    void anUnknownTopicIsNamed() {
        assertThatThrownBy(() -> ranker().rank(Preferences.of(List.of("astrology"), List.of()), Set.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown topic \"astrology\"; the topics are: rl, diffusion, llm, graphs");
    }
}
