package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;

/**
 * Issue 22's topic-grouping measure on the arXiv days of {@code ../shared/arxiv}, whose feeds carry
 * no categories: {@code labels.json} gives each paper's primary category. For the papers of the
 * families of {@link ArxivFamiliesTest#FAMILIES}: how often the best topic is of the family, how
 * often any of its topics is, and how many topics a paper gets, on the two last days (held out) and
 * on all seven. The issue asks for 80%, 92% and at most 2.5 on held-out days; keywords alone reach
 * 73.0%, 84.3% and 1.59 on the two last days (492 papers), so this test prints the figures and holds
 * the level reached: a regression shows. With {@link TopicLikeness} (tuned on the five first days
 * only: 77.0%, 92.9%, 2.26 there against 74.4%, 87.0%, 1.64 by keywords) 75.4%, 92.1% and 2.24 on
 * the held-out days: the bars for any topic and topics a paper, which this test holds, but
 * short of its 80% for the best topic, which it does not claim. Skips without the folder.
 */
class TopicFamiliesOnArxivTest {

    record Score(int papers, double best, double any, double topicsPerPaper) {
        @Override
        public String toString() {
            return String.format("%d papers: best topic in the family %.1f%%, any topic %.1f%%, %.2f topics a paper", papers, 100 * best,
                    100 * any, topicsPerPaper);
        }
    }

    private static Map<String, String> labels;
    private static List<Path> days;
    private static final Taxonomy TAXONOMY = Taxonomy.load(Path.of("config", "topics.yaml"), false);
    private final Classifier classifier = new Classifier(TAXONOMY, RankingConfig.DEFAULTS.minTopicScore(), true);
    private final Classifier keywordsAlone = new Classifier(TAXONOMY, RankingConfig.DEFAULTS.minTopicScore(), false);

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.isDirectory(TasteSimulation.SHARED), TasteSimulation.SHARED + " is absent; skipping");
        labels = new ObjectMapper().readValue(TasteSimulation.SHARED.resolve("labels.json").toFile(), new TypeReference<Map<String, String>>() { });
        try (Stream<Path> list = Files.list(TasteSimulation.SHARED)) {
            days = list.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.xml")).sorted().toList();
        }
    }

    Score score(List<Path> files) {
        return score(classifier, files);
    }

    static List<Path> tuningDays() {
        return days.subList(0, days.size() - 2);
    }

    static List<Path> heldOutDays() {
        return days.subList(days.size() - 2, days.size());
    }

    Score score(Classifier classifier, List<Path> files) {
        int papers = 0;
        int best = 0;
        int any = 0;
        int topics = 0;
        for (Path file : files) {
            LocalDate date = LocalDate.parse(file.getFileName().toString().replace(".xml", ""));
            List<Paper> day = new PaperLoader(PapersConfig.DEFAULTS).readFile(file, date);
            for (ClassifiedPaper c : classifier.classify(day).papers()) {
                Set<String> family = ArxivFamiliesTest.FAMILIES.get(labels.get(c.paper().id()));
                if (family == null) {
                    continue;
                }
                papers++;
                best += family.contains(c.slug()) ? 1 : 0;
                any += c.slugs().stream().anyMatch(family::contains) ? 1 : 0;
                topics += c.slugs().size();
            }
        }
        return new Score(papers, (double) best / papers, (double) any / papers, (double) topics / papers);
    }

    @Test
    void topicsOfTheRightFamilyOnHeldOutDays() {
        Score heldOut = score(heldOutDays());
        System.out.println("topic families, keywords alone, tuning (five first days): " + score(keywordsAlone, tuningDays()));
        Score keywords = score(keywordsAlone, heldOutDays());
        System.out.println("topic families, keywords alone, held out (last two days): " + keywords);
        System.out.println("topic families, with likeness, tuning (five first days): " + score(tuningDays()));
        System.out.println("topic families, with likeness, held out (last two days): " + heldOut);
        assertThat(heldOut.papers()).isPositive();
        assertThat(heldOut.best()).isGreaterThanOrEqualTo(0.75);
        assertThat(heldOut.any()).as("any topic in the family, the issue's bar").isGreaterThanOrEqualTo(0.92);
        assertThat(heldOut.topicsPerPaper()).as("topics a paper, the issue's bar").isLessThanOrEqualTo(2.5);
        assertThat(heldOut.best()).isGreaterThan(keywords.best());
        assertThat(heldOut.any()).isGreaterThan(keywords.any());
    }

    /**
     * The same measure with likeness on another representation's vectors, cached by {@code bench/taste.sh}
     * (runs only when {@code PAPERBOY_FAMILIES_VECTORS} names the cache file): for each setting of
     * {@code PAPERBOY_FAMILIES_LIKENESS} ({@code weight,place,add} of {@link TopicLikeness}, separated by
     * {@code ;}, since a sentence model's cosines are on another scale than TF-IDF's), the figures on the
     * five first days; the setting best there is then measured on the two last.
     */
    @Test
    void anotherRepresentationTunedOnTheFirstDaysMeasuredOnTheLast() throws IOException {
        String file = System.getenv("PAPERBOY_FAMILIES_VECTORS");
        assumeTrue(file != null, "PAPERBOY_FAMILIES_VECTORS names no vectors cached by bench/taste.sh; skipping");
        Classifier other = new Classifier(TAXONOMY, RankingConfig.DEFAULTS.minTopicScore(),
                CachedVectors.read(Path.of(file).getFileName().toString(), Path.of(file)));
        double[] saved = {TopicLikeness.LIKENESS_WEIGHT, TopicLikeness.PLACE_SIMILARITY, TopicLikeness.ADD_SIMILARITY};
        try {
            String best = null;
            Score bestScore = null;
            for (String setting : System.getenv().getOrDefault("PAPERBOY_FAMILIES_LIKENESS", "5,0.1,0.15").split(";")) {
                likeness(setting);
                Score tuning = score(other, tuningDays());
                System.out.println("topic families, " + file + " likeness " + setting + ", tuning (five first days): " + tuning);
                if (bestScore == null || tuning.best() > bestScore.best()) {
                    best = setting;
                    bestScore = tuning;
                }
            }
            likeness(best);
            Score heldOut = score(other, heldOutDays());
            System.out.println("topic families, " + file + " likeness " + best + " (best on tuning), held out (last two days): " + heldOut);
            assertThat(heldOut.papers()).isPositive();
            assertThat(heldOut.any()).isGreaterThan(score(keywordsAlone, heldOutDays()).any());
        } finally {
            TopicLikeness.LIKENESS_WEIGHT = saved[0];
            TopicLikeness.PLACE_SIMILARITY = saved[1];
            TopicLikeness.ADD_SIMILARITY = saved[2];
        }
    }

    private static void likeness(String setting) {
        String[] v = setting.split(",");
        TopicLikeness.LIKENESS_WEIGHT = Double.parseDouble(v[0]);
        TopicLikeness.PLACE_SIMILARITY = Double.parseDouble(v[1]);
        TopicLikeness.ADD_SIMILARITY = Double.parseDouble(v[2]);
    }
}
