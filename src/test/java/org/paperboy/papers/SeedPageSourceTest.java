package org.paperboy.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedPageSourceTest {

    private final SeedPageSource source = new SeedPageSource();

    @Test
    void readsTitleAbstractAuthorsDateAndUpvotes() {
        Paper paper = Fixtures.titled(read(Fixtures.text("layout1.txt")), "Policy Gradients for σ-Algebras");
        assertThat(paper.abstractText()).startsWith("We study policy gradient methods.");
        assertThat(paper.authorCount()).isEqualTo(5);
        assertThat(paper.published()).isEqualTo(LocalDate.of(2025, 4, 7));
        assertThat(paper.upvotes()).isEqualTo(2);
        assertThat(paper.links().github()).isEqualTo("https://github.com/example/sigma");
        assertThat(paper.sources()).containsExactly("layout1.txt");
    }

    @Test
    void readsOrganizationAndPrintedYearWithoutUpvotes() {
        Paper paper = Fixtures.titled(read(Fixtures.text("layout1.txt")), "Diffusion Models by Ünïversité Authors");
        assertThat(paper.organization()).isEqualTo("Example Lab");
        assertThat(paper.published()).isEqualTo(LocalDate.of(2022, 11, 16));
        assertThat(paper.upvotes()).isNull();
        assertThat(paper.id()).isEqualTo("diffusion-models-by-universite-authors");
    }

    @Test
    void readsAPaperWithNoMetadataAtAll() {
        Paper paper = Fixtures.titled(read(Fixtures.text("layout1.txt")), "A Paper Without Metadata");
        assertThat(paper.published()).isNull();
        assertThat(paper.authorCount()).isZero();
        assertThat(paper.abstractText()).isEqualTo("Its abstract has no metadata after it.");
    }

    @Test
    void placesADateWithoutYearOnOrBeforeThePageDate() {
        // the page says "Nov 20", so with as-of 2025-11-22 it is 2025-11-20 and "Dec 30" is 2024-12-30
        Paper paper = Fixtures.titled(read(Fixtures.text("layout1.txt")), "Late December Paper");
        assertThat(paper.published()).isEqualTo(LocalDate.of(2024, 12, 30));
        assertThat(paper.authorCount()).isEqualTo(1);
    }

    @Test
    void pageDateTakesTheYearBeforeWhenAsOfIsEarlierInTheYear() {
        List<Paper> papers = Fixtures.read(source, SourceInput.ofBytes("p.txt", Fixtures.text("layout1.txt").getBytes(StandardCharsets.UTF_8)));
        assertThat(papers).hasSize(5);
        List<Paper> early = new java.util.ArrayList<>();
        source.read(SourceInput.ofBytes("p.txt", Fixtures.text("layout1.txt").getBytes(StandardCharsets.UTF_8)),
                LocalDate.of(2025, 3, 1), early::add);
        // page date becomes 2024-11-20, so "Apr 7" is 2024-04-07
        assertThat(Fixtures.titled(early, "Policy Gradients for σ-Algebras").published()).isEqualTo(LocalDate.of(2024, 4, 7));
    }

    @Test
    void readsYearAndUpvotesOnOneLine() {
        Paper paper = Fixtures.titled(read(Fixtures.text("layout1.txt")), "Year And Upvotes");
        assertThat(paper.published()).isEqualTo(LocalDate.of(2024, 10, 9));
        assertThat(paper.upvotes()).isEqualTo(3);
    }

    @Test
    void crlfByteOrderMarkAndTrailingSpacesParseLikeCleanInput() {
        String clean = Fixtures.text("layout1.txt");
        String dirty = "\uFEFF" + clean.replace("\n", "   \r\n");
        assertThat(read(dirty)).isEqualTo(read(clean));
    }

    @Test
    void acceptsOnlyTheFirstLayout() {
        assertThat(source.accepts(Head.read(SourceInput.ofFile(Fixtures.file("layout1.txt"))))).isTrue();
        assertThat(source.accepts(Head.read(SourceInput.ofFile(Fixtures.file("layout2.txt"))))).isFalse();
    }

    @Test
    void truncatedAfterATitleNamesTheTitleAndLine() {
        String truncated = Fixtures.text("layout1.txt").lines().limit(13).reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> read(truncated))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage("layout1.txt line 13: expected an abstract after the title \"Policy Gradients for σ-Algebras\", found end of file");
    }

    @Test
    void truncatedInsideMetadataNamesTheRecord() {
        String truncated = Fixtures.text("layout1.txt").lines().limit(18).reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> read(truncated))
                .isInstanceOf(SourceFormatException.class)
                .hasMessageContaining("layout1.txt line 18")
                .hasMessageContaining("found end of file")
                .hasMessageContaining("Policy Gradients for σ-Algebras");
    }

    @Test
    void impossibleDateNamesTheLineAndRecord() {
        String bad = Fixtures.text("layout1.txt").replace("Apr 7 2", "Feb 30 2");
        assertThatThrownBy(() -> read(bad))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage("layout1.txt line 19: no such date: \"Feb 30 2\" in the metadata of \"Policy Gradients for σ-Algebras\"");
    }

    @Test
    void missingDateAfterTheDotIsAnError() {
        String bad = Fixtures.text("layout1.txt").replace("Apr 7 2", "yesterday");
        assertThatThrownBy(() -> read(bad))
                .hasMessageContaining("line 19: expected a date such as \"Apr 7\" or \"Nov 16, 2022\", found \"yesterday\"");
    }

    private List<Paper> read(String content) {
        return Fixtures.read(source, "layout1.txt", content);
    }
}
