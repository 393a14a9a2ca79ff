package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;
import org.paperboy.ranking.Classifier;
import org.paperboy.ranking.DigestConfig;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.RankingConfig;
import org.paperboy.ranking.Taxonomy;

/** On every real sample day, the general and a personalised digest stay under 90 KB of HTML with images off. */
class SampleDigestSizeTest {

    static final Path SAMPLES = Stream.of(Path.of("..", "shared", "samples", "hf-daily"), Path.of("..", "..", "shared", "samples", "hf-daily"))
            .filter(Files::isDirectory).findFirst().orElse(Path.of("..", "shared", "samples", "hf-daily"));

    @Test
    void everySampleDaysDigestStaysUnder90KilobytesWithImagesOff() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "../shared/samples/hf-daily is absent; skipping");
        Classifier classifier = new Classifier(Taxonomy.load(Path.of("config", "topics.yaml"), false), RankingConfig.DEFAULTS.minTopicScore());
        DigestRenderer renderer = new DigestRenderer(EmailConfig.DEFAULTS, false);
        int largest = 0;
        List<Path> days;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            days = files.filter(f -> f.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.json")).sorted().toList();
        }
        for (Path file : days) {
            LocalDate day = LocalDate.parse(file.getFileName().toString().replace(".json", ""));
            Ranker ranker = new Ranker(classifier.classify(new PaperLoader(PapersConfig.DEFAULTS).load(List.of(file.toString()), day).papers()),
                    classifier.taxonomy(), day, RankingConfig.DEFAULTS, DigestConfig.DEFAULTS);
            for (Preferences p : List.of(Preferences.NONE, Preferences.of(List.of("vision", "agents"), List.of("world model")))) {
                String html = renderer.render(ranker.rank(p, Set.of())).fill("reader@example.org", "https://x.example/u/t",
                        "https://x.example/p/t").html();
                int bytes = html.getBytes(StandardCharsets.UTF_8).length;
                largest = Math.max(largest, bytes);
                assertThat(bytes).as(file + " " + p).isLessThan(90 * 1024);
                assertThat(html).doesNotContain("<img");
            }
        }
        System.out.printf("largest digest HTML over %d sample days, images off: %.1f KB%n", days.size(), largest / 1024.0);
    }
}
