package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.paperboy.ranking.RankingFixtures.paper;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.ConfigException;
import org.paperboy.papers.Paper;
import org.paperboy.testing.TestSetup;

class PaperVectorsTest {

    private static final List<Paper> PAPERS = List.of(
            paper("grasp-1", "Dexterous Robot Grasping", "A robot hand grasps objects with tactile sensing."),
            paper("grasp-2", "Tactile Grasp Planning", "Grasp planning for a robot hand with tactile sensing."),
            paper("llm", "Language Models Reason", "A language model study of chain of thought."),
            paper("empty", "Of the", "And the."));

    @Test
    void similarPapersAreCloserThanUnrelatedOnesAndEveryVectorHasUnitLength() {
        float[][] v = PaperVectors.tfidf().vectors(PAPERS);
        assertThat(v.length).isEqualTo(4);
        assertThat(v[0]).hasSize(PaperVectors.TFIDF_DIMENSIONS);
        assertThat(PaperVectors.dot(v[0], v[0])).isCloseTo(1, within(1e-5));
        assertThat(PaperVectors.dot(v[0], v[1])).isGreaterThan(PaperVectors.dot(v[0], v[2]) + 0.2);
        assertThat(PaperVectors.dot(v[3], v[3])).isZero();
    }

    @Test
    void encodedVectorsDecodeToTheSameFloats() {
        float[] vector = PaperVectors.tfidf().vectors(PAPERS)[0];
        byte[] bytes = PaperVectors.encode(vector);
        assertThat(bytes).hasSize(vector.length * 4);
        assertThat(PaperVectors.decode(bytes)).containsExactly(vector);
        assertThatThrownBy(() -> PaperVectors.decode(new byte[5])).hasMessageContaining("multiple of 4 bytes, got 5");
    }

    @Test
    void theRepresentationIsNamedInTheConfig() {
        assertThat(PaperVectors.named(null).model()).isEqualTo("tfidf-hash512-v1");
        assertThat(TestSetup.ranking("representation: \" tfidf \"").representation()).isEqualTo("tfidf");
        assertThatThrownBy(() -> TestSetup.ranking("representation: word2vec"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ranking.representation must be \"tfidf\", got \"word2vec\"");
    }

    @Test
    void theRankerGivesEachPaperItsVectorOnce() {
        Classifier classifier = RankingFixtures.classifier();
        Ranker ranker = new Ranker(classifier.classify(PAPERS), classifier.taxonomy(), RankingFixtures.DAY, RankingConfig.DEFAULTS,
                DigestConfig.DEFAULTS);
        assertThat(ranker.representation()).isEqualTo("tfidf-hash512-v1");
        assertThat(ranker.vectors()).containsOnlyKeys("grasp-1", "grasp-2", "llm", "empty");
        assertThat(ranker.vector("grasp-1")).isSameAs(ranker.vectors().get("grasp-1"));
        assertThat(ranker.vector("unknown")).isNull();
    }
}
