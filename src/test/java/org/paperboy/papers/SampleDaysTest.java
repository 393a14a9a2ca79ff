package org.paperboy.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads the real Hugging Face responses in ../shared when they are there; skipped elsewhere. */
class SampleDaysTest {

    /** The shared samples beside the repository (main) or two levels up (a worktree under wt/). */
    static final Path SAMPLES = Stream.of(Path.of("..", "shared", "samples", "hf-daily"), Path.of("..", "..", "shared", "samples", "hf-daily"))
            .filter(Files::isDirectory).findFirst().orElse(Path.of("..", "shared", "samples", "hf-daily"));

    @Test
    void everySampleDayLoadsWithTitlesAbstractsAndArxivLinks() {
        assumeTrue(Files.isDirectory(SAMPLES), "../shared/samples/hf-daily is absent; skipping the real-data test");
        PaperLoader.Loaded loaded = new PaperLoader(PapersConfig.DEFAULTS).load(List.of(SAMPLES.toString()), Fixtures.AS_OF);
        assertThat(loaded.papers()).hasSizeGreaterThan(1000);
        assertThat(loaded.papers()).allSatisfy(p -> {
            assertThat(p.title()).doesNotContain("\n").doesNotContain("  ");
            assertThat(p.abstractText()).doesNotContain("\n");
            assertThat(p.published()).isNotNull();
        });
        assertThat(loaded.papers()).filteredOn(p -> p.arxivId() != null).hasSizeGreaterThan(1000);
        assertThat(loaded.papers()).filteredOn(p -> p.extras().aiSummary() != null).hasSizeGreaterThan(700);
        assertThat(loaded.papers()).filteredOn(p -> p.extras().thumbnail() != null).hasSizeGreaterThan(1000);
        assertThat(loaded.papers()).allSatisfy(p -> assertThat(p.abstractText()).doesNotContain("``"));
    }
}
