package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.ranking.RankingFixtures.classify;
import static org.paperboy.ranking.RankingFixtures.paper;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    @Test
    void matchesStemsSoPoliciesMatchPolicy() {
        ClassifiedPaper c = classify(paper("1", "Learning Better Policies", "We learn policies from data."));
        assertThat(c.slug()).isEqualTo("rl");
        assertThat(c.matches()).extracting(Match::toString).containsExactly("policy (title)");
    }

    @Test
    void matchesPluralsOfKeywords() {
        assertThat(classify(paper("1", "Cascaded Diffusions", "Text.")).slug()).isEqualTo("diffusion");
    }

    @Test
    void matchesMultiWordPhrasesAcrossInflectionAndHyphens() {
        ClassifiedPaper c = classify(paper("1", "Scaling Large-Language-Models", "Nothing else."));
        assertThat(c.slug()).isEqualTo("llm");
        assertThat(c.matches()).extracting(Match::term).contains("large language model");
    }

    @Test
    void acronymsMatchOnlyAsWholeTokens() {
        assertThat(classify(paper("1", "Offline RL at Scale", "Text.")).slug()).isEqualTo("rl");
        assertThat(classify(paper("2", "A URL Shortener and CURL Tricks", "Text.")).slug()).isEqualTo(Ranker.MORE_SLUG);
        assertThat(classify(paper("3", "LLMs as Judges", "Text.")).slug()).isEqualTo("llm");
        // lower-case "rl" is not the acronym
        assertThat(classify(paper("4", "The rl Suffix", "Text.")).slug()).isEqualTo(Ranker.MORE_SLUG);
    }

    @Test
    void aTitleMatchOutweighsAnAbstractMention() {
        ClassifiedPaper c = classify(paper("1", "Denoising Images Quickly", "We use a reward model to tune a policy."));
        assertThat(c.slug()).isEqualTo("diffusion");
    }

    @Test
    void thePapersOwnKeywordsCountAsEvidence() {
        ClassifiedPaper without = classify(paper("1", "A New Method", "We propose a method.", null, null, List.of()));
        ClassifiedPaper with = classify(paper("1", "A New Method", "We propose a method.", null, null, List.of("graph neural network")));
        assertThat(without.slug()).isEqualTo(Ranker.MORE_SLUG);
        assertThat(with.slug()).isEqualTo("graphs");
        assertThat(with.matches()).extracting(Match::toString).containsExactly("graph neural network (keywords)");
    }

    @Test
    void tiesGoToTheTopicListedFirst() {
        ClassifiedPaper c = classify(paper("1", "Policy Meets Diffusion", "Text."));
        assertThat(c.slug()).isEqualTo("rl");
        ClassifiedPaper swapped = classify(paper("1", "Diffusion Meets Policy", "Text."));
        assertThat(swapped.slug()).isEqualTo("rl");
    }

    @Test
    void aSingleAbstractMentionIsNotEnoughEvidence() {
        assertThat(classify(paper("1", "On Sorting", "We mention a policy once.")).slug()).isEqualTo(Ranker.MORE_SLUG);
        assertThat(classify(paper("1", "On Sorting", "A policy, and a policy again, and a reward model.")).slug()).isEqualTo("rl");
    }
}
