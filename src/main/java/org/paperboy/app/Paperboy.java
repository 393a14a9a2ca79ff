package org.paperboy.app;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.papers.PaperLoader;
import org.paperboy.ranking.Classified;
import org.paperboy.ranking.Classifier;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.RankingConfig;
import org.paperboy.ranking.Taxonomy;

/**
 * The pipeline, wired from config. This is the one place the pieces are put together: the CLI,
 * the scheduler and the tests all call {@link #wire}.
 */
public record Paperboy(PaperboyConfig config, PaperLoader loader, Classifier classifier, DigestRenderer renderer) {

    public static Paperboy wire(PaperboyConfig config) {
        String topicsFile = config.ranking().topicsFile();
        // the default path falls back to the copy in the jar, so the jar runs from any directory
        boolean isDefault = topicsFile.equals(RankingConfig.DEFAULTS.topicsFile());
        Taxonomy taxonomy = Taxonomy.load(Path.of(topicsFile), isDefault);
        return new Paperboy(config, new PaperLoader(config.papers()),
                new Classifier(taxonomy, config.ranking().minTopicScore()), new DigestRenderer(config.email()));
    }

    /** Loads the sources (the configured ones when empty) and classifies every paper once. */
    public Classified classify(List<String> sources, LocalDate date) {
        PaperLoader.Loaded loaded = sources == null || sources.isEmpty() ? loader.load(date) : loader.load(sources, date);
        return classifier.classify(loaded.papers());
    }

    /** Loads, classifies and prepares the ranking of one day. */
    public Ranker ranker(List<String> sources, LocalDate date) {
        return new Ranker(classify(sources, date), classifier.taxonomy(), date, config.ranking(), config.digest());
    }
}
