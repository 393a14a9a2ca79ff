package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;

/**
 * The bar on arXiv papers labelled with their primary category: a topic of the right
 * family among {@code slugs} for at least 90% of them, and the best {@code slug} for 80%. The
 * papers are arXiv API responses (Atom, which carry {@code arxiv:primary_category}) in the folder
 * {@code PAPERBOY_ARXIV_LABELLED} names, else {@code ../shared/samples/arxiv}; without them the
 * measurement is skipped. The committed made-up fixture only checks the harness itself.
 */
class ArxivFamiliesTest {

    /** Which of our topics belong to each primary category's family. */
    static final Map<String, Set<String>> FAMILIES = Map.of(
            "cs.CL", Set.of("llm", "reasoning", "agents", "code", "retrieval", "safety"),
            "cs.CV", Set.of("vision", "video-3d", "multimodal", "diffusion"),
            "cs.RO", Set.of("robotics"),
            "cs.SD", Set.of("audio"),
            "eess.AS", Set.of("audio"));

    private final Classifier classifier = new Classifier(Taxonomy.load(Path.of("config", "topics.yaml"), false),
            RankingConfig.DEFAULTS.minTopicScore());

    /** The share of papers with a topic of the right family among slugs, and as the best slug. */
    record Score(int papers, double amongSlugs, double best) {
    }

    Score score(Path folder) {
        List<Paper> papers = new PaperLoader(PapersConfig.DEFAULTS).load(List.of(folder.toString()), LocalDate.of(2026, 11, 23))
                .papers().stream().filter(p -> FAMILIES.containsKey(p.extras().primaryCategory())).toList();
        int among = 0;
        int best = 0;
        for (ClassifiedPaper c : classifier.classify(papers).papers()) {
            Set<String> family = FAMILIES.get(c.paper().extras().primaryCategory());
            among += c.slugs().stream().anyMatch(family::contains) ? 1 : 0;
            best += family.contains(c.slug()) ? 1 : 0;
        }
        return new Score(papers.size(), papers.isEmpty() ? 0 : (double) among / papers.size(),
                papers.isEmpty() ? 0 : (double) best / papers.size());
    }

    @Test
    void theHarnessReadsPrimaryCategoriesAndMapsFamilies() {
        Score score = score(Path.of("src/test/resources/ranking/arxiv-families"));
        assertThat(score.papers()).isEqualTo(2);
        assertThat(score.amongSlugs()).isEqualTo(1.0);
        assertThat(score.best()).isEqualTo(1.0);
    }

    @Test
    void onRealLabelledArxivPapersTheRightFamilyIsAmongSlugsFor90PercentAndBestFor80() {
        String env = System.getenv("PAPERBOY_ARXIV_LABELLED");
        Path folder = env != null ? Path.of(env) : LabelledTopicsTest.SAMPLES.resolveSibling("arxiv");
        assumeTrue(Files.isDirectory(folder), folder + " is absent: no arXiv papers labelled with their primary category; skipping");
        Score score = score(folder);
        System.out.printf("arXiv families on %d papers: among slugs %.1f%%, best slug %.1f%%%n", score.papers(),
                100 * score.amongSlugs(), 100 * score.best());
        assertThat(score.papers()).isPositive();
        assertThat(score.amongSlugs()).isGreaterThanOrEqualTo(0.9);
        assertThat(score.best()).isGreaterThanOrEqualTo(0.8);
    }
}
