package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.ranking.RankingFixtures.DAY;
import static org.paperboy.ranking.RankingFixtures.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paperboy.papers.Paper;
import org.paperboy.testing.TestSetup;

class TasteTest {

    /** A day of papers over the test topics, with robot papers no test topic matches. */
    private static List<Paper> today() {
        List<Paper> papers = new ArrayList<>();
        papers.add(paper("llm-1", "Large Language Models Reason Step by Step", "An LLM study of chain of thought prompting.", 120, DAY, List.of()));
        papers.add(paper("llm-2", "Instruction Tuning for Language Models", "Language model tuning with instructions.", 80, DAY, List.of()));
        papers.add(paper("llm-3", "Scaling Laws of Language Models", "How a language model grows with data and tokens.", 60, DAY, List.of()));
        papers.add(paper("diff-1", "Fast Diffusion Sampling", "Denoising diffusion in ten steps for images.", 50, DAY, List.of()));
        papers.add(paper("diff-2", "Diffusion Transformers for Video", "A denoising diffusion model of video frames.", 40, DAY, List.of()));
        papers.add(paper("rl-1", "Policy Optimization at Scale", "Reinforcement learning with a reward model.", 30, DAY, List.of()));
        papers.add(paper("gnn-1", "Message Passing Graph Networks", "A graph neural network for molecules.", 20, DAY, List.of()));
        papers.add(paper("grasp-1", "DexGraspNet: Dexterous Robot Grasping of Unseen Objects",
                "A robot hand learns dexterous grasping of unseen objects from tactile sensing and grasp poses.", 2, DAY, List.of()));
        papers.add(paper("grasp-2", "Tactile Grasp Planning for Robot Hands",
                "Grasp planning with tactile sensing lets a dexterous robot hand pick cluttered objects.", 1, DAY, List.of()));
        papers.add(paper("misc-1", "Sorting Networks Revisited", "Comparators and depth bounds.", 10, DAY, List.of()));
        papers.add(paper("misc-2", "Compilers for Tensors", "Kernels and loop scheduling.", 5, DAY, List.of()));
        return papers;
    }

    /** Yesterday's papers, on which the reader voted. */
    private static List<Paper> yesterday() {
        return List.of(
                paper("robust-dex-grasp", "RobustDexGrasp: Robust Dexterous Grasping of General Objects",
                        "A dexterous robot hand grasps general objects robustly using tactile sensing and grasp poses.", 3, DAY.minusDays(1), List.of()),
                paper("llm-old", "Language Models as Reasoners", "A language model study of reasoning and chain of thought prompting.", 9,
                        DAY.minusDays(1), List.of()),
                paper("other-old", "Databases and Indexes", "B-trees for storage.", 1, DAY.minusDays(1), List.of()));
    }

    private static Ranker ranker(List<Paper> papers) {
        Classifier classifier = RankingFixtures.classifier();
        return new Ranker(classifier.classify(papers), classifier.taxonomy(), DAY, RankingConfig.DEFAULTS,
                TestSetup.digest("{leadPapers: 2, papersPerSection: 3, maxSections: 6, maxPapers: 25}"));
    }

    private static Vote vote(String id, boolean more) {
        Ranker before = ranker(yesterday());
        Paper paper = yesterday().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        return new Vote(id, paper.title(), more, before.vector(id));
    }

    @Test
    void withoutVotesEveryReaderGetsExactlyTodaysDigest() {
        Ranker ranker = ranker(today());
        for (Preferences preferences : List.of(Preferences.NONE, Preferences.of(List.of("llm"), List.of()),
                Preferences.of(List.of("diffusion"), List.of("video")))) {
            assertThat(ranker.rank(preferences, Taste.NONE, Set.of("llm-1"))).isEqualTo(ranker.rank(preferences, Set.of("llm-1")));
            assertThat(ranker.rank(preferences, Taste.of(List.of()), Set.of())).isEqualTo(ranker.rank(preferences, Set.of()));
        }
    }

    @Test
    void aReaderWhoLikedAGraspingPaperGetsTodaysGraspingPapersFirstWithTheReason() {
        Ranker ranker = ranker(today());
        Taste taste = Taste.of(List.of(vote("robust-dex-grasp", true)));
        Digest digest = ranker.rank(Preferences.NONE, taste, Set.of());
        Section lead = digest.sections().get(0);
        assertThat(lead.name()).isEqualTo(Ranker.PERSONAL_LEAD_NAME);
        assertThat(lead.papers()).extracting(p -> p.paper().id()).containsExactlyInAnyOrder("grasp-1", "grasp-2");
        assertThat(lead.papers().get(0).reasons()).contains("like \"RobustDexGrasp\", which you liked");
        assertThat(ranker.rank(Preferences.NONE, Taste.NONE, Set.of()).paperIds().subList(0, 2)).doesNotContain("grasp-1", "grasp-2");
    }

    @Test
    void likedPapersRiseOutsideTheChosenTopicsTooIntoTheExtraPlacesOfTheLead() {
        Ranker ranker = ranker(today());
        Preferences llm = Preferences.of(List.of("llm"), List.of());
        Digest plain = ranker.rank(llm, Taste.NONE, Set.of());
        Digest voted = ranker.rank(llm, Taste.of(List.of(vote("robust-dex-grasp", true))), Set.of());
        assertThat(last(plain).slug()).isEqualTo(Ranker.MORE_SLUG);
        assertThat(last(plain).papers()).extracting(p -> p.paper().id()).containsExactly("misc-1", "misc-2", "grasp-1");
        assertThat(plain.sections().get(0).papers()).extracting(p -> p.paper().id()).containsExactly("llm-1", "llm-2");
        Section lead = voted.sections().get(0);
        assertThat(lead.name()).isEqualTo(Ranker.PERSONAL_LEAD_NAME);
        assertThat(lead.papers()).extracting(p -> p.paper().id()).containsExactly("llm-1", "llm-2", "grasp-1", "grasp-2");
        assertThat(lead.papers().get(3).reasons()).contains("like \"RobustDexGrasp\", which you liked");
        assertThat(last(voted).papers()).extracting(p -> p.paper().id()).containsExactly("misc-1", "misc-2");
    }

    @Test
    void theExtraPlacesOfTheLeadAreOnlyForPapersLikeTheLikedOnes() {
        Ranker ranker = ranker(today());
        Digest digest = ranker.rank(Preferences.NONE, Taste.of(List.of(vote("robust-dex-grasp", true))), Set.of());
        Section lead = digest.sections().get(0);
        assertThat(lead.papers()).extracting(p -> p.paper().id()).containsExactlyInAnyOrder("grasp-1", "grasp-2");
        Digest onlyHid = ranker.rank(Preferences.NONE, Taste.of(List.of(vote("llm-old", false))), Set.of());
        assertThat(onlyHid.sections().get(0).papers()).hasSize(2);
    }

    @Test
    void aReaderWhoHidPapersButLikedNoneGetsOnePaperOfEveryTopicThePlainDigestLeftOut() {
        Classifier classifier = RankingFixtures.classifier();
        Ranker ranker = new Ranker(classifier.classify(today()), classifier.taxonomy(), DAY, RankingConfig.DEFAULTS,
                TestSetup.digest("{leadPapers: 2, papersPerSection: 3, maxSections: 1, maxPapers: 25}"));
        Digest plain = ranker.rank(Preferences.NONE, Taste.NONE, Set.of());
        Digest hid = ranker.rank(Preferences.NONE, Taste.of(List.of(vote("llm-old", false))), Set.of());
        assertThat(plain.sections()).extracting(Section::slug).containsExactly(Ranker.LEAD_SLUG, "diffusion");
        assertThat(plain.paperIds()).doesNotContain("rl-1", "gnn-1");
        assertThat(hid.sections().subList(1, hid.sections().size())).allSatisfy(s -> assertThat(s.papers()).hasSize(1));
        assertThat(hid.sections()).extracting(Section::slug).contains("rl", "graphs", "llm", Ranker.MORE_SLUG);
        assertThat(hid.paperIds()).contains("rl-1", "gnn-1");
        assertThat(hid.sections()).extracting(Section::slug).as("the topic like the hidden paper comes last").containsSubsequence("rl", "llm");
        Digest liked = ranker.rank(Preferences.NONE, Taste.of(List.of(vote("llm-old", false), vote("robust-dex-grasp", true))), Set.of());
        assertThat(liked.sections().subList(1, liked.sections().size())).anySatisfy(s -> assertThat(s.papers().size()).isGreaterThan(1));
    }

    @Test
    void aSamplerKeepsTheReadersChosenTopicsWhole() {
        Classifier classifier = RankingFixtures.classifier();
        // a small interest weight, so the sampler's first sections open before the chosen topic's
        Ranker ranker = new Ranker(classifier.classify(today()), classifier.taxonomy(), DAY, TestSetup.ranking("{weights: {interest: 0.01}}"),
                TestSetup.digest("{leadPapers: 0, papersPerSection: 3, maxSections: 1, maxPapers: 25}"));
        Preferences diffusion = Preferences.of(List.of("diffusion"), List.of());
        Digest hid = ranker.rank(diffusion, Taste.of(List.of(vote("llm-old", false))), Set.of());
        assertThat(hid.sections().get(0).slug()).isEqualTo("diffusion");
        assertThat(hid.sections().get(0).papers()).extracting(p -> p.paper().id()).containsExactly("diff-1", "diff-2");
        assertThat(hid.sections().subList(1, hid.sections().size())).hasSizeGreaterThan(2)
                .allSatisfy(s -> assertThat(s.papers()).hasSize(1));
    }

    private static Section last(Digest digest) {
        return digest.sections().get(digest.sections().size() - 1);
    }

    @Test
    void papersLikeAHiddenOneSinkAndLeaveTheLead() {
        Ranker ranker = ranker(today());
        List<String> plain = ranker.rank(Preferences.NONE, Taste.NONE, Set.of()).paperIds();
        Digest hid = ranker.rank(Preferences.NONE, Taste.of(List.of(vote("llm-old", false))), Set.of());
        assertThat(plain.get(0)).isEqualTo("llm-1");
        assertThat(hid.sections().get(0).papers()).extracting(p -> p.paper().id()).doesNotContain("llm-1");
        int after = hid.paperIds().indexOf("llm-1");
        assertThat(after == -1 || after > plain.indexOf("llm-1")).as("llm-1 at %d, before at %d", after, plain.indexOf("llm-1")).isTrue();
    }

    @Test
    void aVoteWithoutAVectorCountsWhenItsPaperIsAmongTheDays() {
        Ranker ranker = ranker(today());
        Digest digest = ranker.rank(Preferences.NONE, Taste.of(List.of(new Vote("grasp-1", "DexGraspNet: Dexterous Robot Grasping", true, null))), Set.of("grasp-1"));
        assertThat(digest.sections().get(0).papers().get(0).paper().id()).isEqualTo("grasp-2");
        assertThat(digest.sections().get(0).papers().get(0).reasons()).contains("like \"DexGraspNet\", which you liked");
    }

    @Test
    void tastesWithTheSameVotesAreEqualWhateverTheOrderAndALaterVoteReplacesAnEarlierOne() {
        Vote a = new Vote("a", "A", true, new float[] {1, 0});
        Vote b = new Vote("b", "B", false, null);
        assertThat(Taste.of(List.of(a, b))).isEqualTo(Taste.of(List.of(b, a))).hasSameHashCodeAs(Taste.of(List.of(b, a)));
        assertThat(Taste.of(List.of(a, new Vote("a", "A", false, null))).votes()).extracting(Vote::more).containsExactly(false);
        assertThat(Taste.of(List.of(a))).isNotEqualTo(Taste.of(List.of(new Vote("a", "A", false, null))));
        assertThat(Taste.of(null)).isSameAs(Taste.NONE);
        assertThat(new Taste(List.of())).isEqualTo(Taste.NONE);
    }

    @Test
    void aTasteKeepsTheNewestVotes() {
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < Taste.MAX_VOTES + 10; i++) {
            votes.add(new Vote(String.format("p%03d", i), "", true, null));
        }
        Taste taste = Taste.of(votes);
        assertThat(taste.votes()).hasSize(Taste.MAX_VOTES);
        assertThat(taste.voteOn("p000")).isNull();
        assertThat(taste.voteOn("p209")).isTrue();
    }

    @Test
    void titlesAreShortenedToTheirNameOrTheWordsThatFit() {
        assertThat(TasteScores.shortTitle("RobustDexGrasp: Robust Dexterous Grasping of General Objects")).isEqualTo("RobustDexGrasp");
        assertThat(TasteScores.shortTitle("Evaluating the efficacy of LLM Safety Solutions")).isEqualTo("Evaluating the efficacy of LLM Safety Solutions");
        assertThat(TasteScores.shortTitle("Offline Adaptation of Quadruped Locomotion using Diffusion Models and Many Other Things"))
                .isEqualTo("Offline Adaptation of Quadruped Locomotion using…");
        assertThat(TasteScores.shortTitle("A: B")).isEqualTo("A: B");
    }
}
