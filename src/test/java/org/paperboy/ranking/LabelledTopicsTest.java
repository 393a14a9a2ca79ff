package org.paperboy.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;

/**
 * The shipped taxonomy against papers a person filed by hand (src/test/resources/ranking): at
 * least 85% must land in the labelled topic, and at most 15% of the seeds in "More papers".
 */
class LabelledTopicsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);
    /** The shared samples beside the repository (main) or two levels up (a worktree under wt/). */
    static final Path SAMPLES = Stream.of(Path.of("..", "shared", "samples", "hf-daily"), Path.of("..", "..", "shared", "samples", "hf-daily"))
            .filter(Files::isDirectory).findFirst().orElse(Path.of("..", "shared", "samples", "hf-daily"));

    private final Classifier classifier = new Classifier(Taxonomy.load(Path.of("config", "topics.yaml"), false),
            RankingConfig.DEFAULTS.minTopicScore());

    @Test
    void atLeast85PercentOfTheLabelledSeedPapersLandInTheirTopic() throws IOException {
        double accuracy = accuracy("seeds", Path.of("src/test/resources/ranking/labelled-seeds.tsv"));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void atLeast85PercentOfTheLabelledSamplePapersLandInTheirTopic() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "../shared/samples/hf-daily is absent; skipping the labelled samples");
        double accuracy = accuracy(SAMPLES.toString(), Path.of("src/test/resources/ranking/labelled-samples.tsv"));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void atMost15PercentOfTheSeedsLandInMorePapers() {
        List<ClassifiedPaper> all = classifier.classify(load("seeds")).papers();
        long more = all.stream().filter(c -> c.topic() == null).count();
        System.out.printf("seeds in \"More papers\": %d of %d (%.1f%%)%n", more, all.size(), 100.0 * more / all.size());
        assertThat((double) more / all.size()).isLessThanOrEqualTo(0.15);
    }

    private double accuracy(String source, Path labels) throws IOException {
        Map<String, String> wanted = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(labels);
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\t");
            wanted.put(parts[0].strip(), parts[1].strip());
        }
        Map<String, String> got = new LinkedHashMap<>();
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (ClassifiedPaper c : classifier.classify(load(source)).papers()) {
            got.put(c.paper().title(), c.slug());
            all.put(c.paper().title(), c.slugs());
        }
        assertThat(got.keySet()).as("every labelled title is loaded").containsAll(wanted.keySet());
        List<String> misses = new ArrayList<>();
        wanted.forEach((title, slug) -> {
            if (!slug.equals(got.get(title))) {
                misses.add(slug + " <- " + got.get(title) + "  " + title);
            }
        });
        double accuracy = 1.0 - (double) misses.size() / wanted.size();
        System.out.printf("%s: %d of %d labelled papers in their topic (%.1f%%)%n", labels.getFileName(),
                wanted.size() - misses.size(), wanted.size(), 100 * accuracy);
        misses.forEach(m -> System.out.println("  miss: " + m));
        long among = wanted.entrySet().stream().filter(e -> all.get(e.getKey()).contains(e.getValue())).count();
        double slugsPerPaper = wanted.keySet().stream().mapToInt(t -> all.get(t).size()).average().orElse(0);
        System.out.printf("%s: the labelled topic is among slugs for %d of %d (%.1f%%), %.2f slugs a paper%n", labels.getFileName(),
                among, wanted.size(), 100.0 * among / wanted.size(), slugsPerPaper);
        assertThat((double) among / wanted.size()).as("labelled topic among slugs").isGreaterThanOrEqualTo(0.9);
        return accuracy;
    }

    private static List<Paper> load(String source) {
        return new PaperLoader(PapersConfig.DEFAULTS).load(List.of(source), AS_OF).papers();
    }
}
