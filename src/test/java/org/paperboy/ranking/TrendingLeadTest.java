package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;

/**
 * The community leads, with the shipped taxonomy: on a committed day shaped like the real one
 * where the most upvoted paper matched no topic, and on every real sample day when present.
 */
class TrendingLeadTest {

    private static final Path FIXTURE = Path.of("src/test/resources/ranking/trending-day.json");
    private static final LocalDate FIXTURE_DAY = LocalDate.of(2026, 6, 3);
    private final Classifier classifier = new Classifier(Taxonomy.load(Path.of("config", "topics.yaml"), false),
            RankingConfig.DEFAULTS.minTopicScore());

    @Test
    void theMostUpvotedPaperLeadsThoughItMatchesNoTopic() {
        Ranker ranker = ranker(load(FIXTURE, FIXTURE_DAY), FIXTURE_DAY);
        RankedPaper lead = ranker.general().sections().get(0).papers().get(0);
        assertThat(lead.paper().title()).isEqualTo("How Much Does the Tokenizer Cost? A Field Study");
        assertThat(lead.topicSlug()).isEqualTo(Ranker.MORE_SLUG);
        assertThat(String.join(" · ", lead.reasons())).isEqualTo("#1 today · 38 upvotes");
    }

    @Test
    void aVisionReaderGetsTheEfficientViTPaperFiledUnderEfficiency() {
        Ranker ranker = ranker(load(FIXTURE, FIXTURE_DAY), FIXTURE_DAY);
        ClassifiedPaper vit = ranker.papers().get(1);
        assertThat(vit.slug()).isEqualTo("efficiency");
        assertThat(vit.slugs()).contains("vision");
        Digest digest = ranker.rank(Preferences.of(List.of("vision"), List.of()), Set.of());
        RankedPaper got = digest.sections().get(0).papers().get(0);
        assertThat(got.paper().id()).isEqualTo("2606.10002");
        assertThat(String.join(" · ", got.reasons())).isEqualTo("#3 today · 24 upvotes · your topic: Computer vision · mentions \"vision transformer\"");
        assertThat(digest.sections().get(1).name()).isEqualTo("Also trending today");
        assertThat(digest.sections().get(1).papers().get(0).paper().id()).isEqualTo("2606.10004");
    }

    @Test
    void onEveryRealSampleDayTheMostUpvotedPaperLeads() throws IOException {
        assumeTrue(Files.isDirectory(LabelledTopicsTest.SAMPLES), "../shared/samples/hf-daily is absent; skipping");
        List<Path> days = days();
        for (Path file : days) {
            LocalDate day = LocalDate.parse(file.getFileName().toString().replace(".json", ""));
            List<Paper> papers = load(file, day);
            int most = papers.stream().map(Paper::upvotes).filter(u -> u != null).max(Comparator.naturalOrder()).orElse(0);
            Digest general = ranker(papers, day).general();
            assertThat(general.sections().get(0).papers().get(0).paper().upvotes()).as(file.toString()).isEqualTo(most);
            assertThat(general.sections().get(0).papers().get(0).reasons()).as(file.toString()).first().isEqualTo("#1 today");
        }
        System.out.printf("the most upvoted paper leads on all %d sample days%n", days.size());
    }

    @Test
    void onRealSampleDaysAReaderOfAPapersSecondTopicGetsIt() throws IOException {
        assumeTrue(Files.isDirectory(LabelledTopicsTest.SAMPLES), "../shared/samples/hf-daily is absent; skipping");
        int checked = 0;
        for (Path file : days()) {
            LocalDate day = LocalDate.parse(file.getFileName().toString().replace(".json", ""));
            Ranker ranker = ranker(load(file, day), day);
            ClassifiedPaper second = ranker.papers().stream().filter(c -> c.slugs().size() >= 2)
                    .max(Comparator.comparingInt(c -> c.paper().upvotes() == null ? 0 : c.paper().upvotes())).orElse(null);
            if (second != null) {
                String topic = second.slugs().get(1);
                Digest digest = ranker.rank(Preferences.of(List.of(topic), List.of()), Set.of());
                assertThat(digest.paperIds()).as(file + " " + topic).contains(second.paper().id());
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void onRealSampleDaysAPaperFitsFewerThanTwoAndAHalfTopicsOnAverage() throws IOException {
        assumeTrue(Files.isDirectory(LabelledTopicsTest.SAMPLES), "../shared/samples/hf-daily is absent; skipping");
        List<ClassifiedPaper> all = classifier.classify(new PaperLoader(PapersConfig.DEFAULTS)
                .load(List.of(LabelledTopicsTest.SAMPLES.toString()), LocalDate.of(2026, 8, 1)).papers()).papers();
        double average = all.stream().mapToInt(c -> c.slugs().size()).average().orElseThrow();
        System.out.printf("topics a paper fits on %d sample papers: %.2f on average%n", all.size(), average);
        assertThat(average).isLessThan(2.5);
    }

    private static List<Path> days() throws IOException {
        try (Stream<Path> files = Files.list(LabelledTopicsTest.SAMPLES)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.json")).sorted().toList();
        }
    }

    private Ranker ranker(List<Paper> papers, LocalDate day) {
        return new Ranker(classifier.classify(papers), classifier.taxonomy(), day, RankingConfig.DEFAULTS, DigestConfig.DEFAULTS);
    }

    private static List<Paper> load(Path file, LocalDate day) {
        return new PaperLoader(PapersConfig.DEFAULTS).load(List.of(file.toString()), day).papers();
    }
}
