package org.paperboy.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedListSourceTest {

    private final SeedListSource source = new SeedListSource();

    @Test
    void readsAlternatingTitlesAndAbstractsWithTheFirstGluedToSubscribe() {
        List<Paper> papers = read(Fixtures.text("layout2.txt"));
        assertThat(papers).extracting(Paper::title)
                .containsExactly("Policy Gradients for σ-Algebras", "Only In The List", "A Paper without metadata");
        assertThat(papers.get(1).abstractText()).isEqualTo("A paper that only layout 2 prints.");
        assertThat(papers.get(0).published()).isNull();
    }

    @Test
    void acceptsOnlyTheSecondLayout() {
        assertThat(source.accepts(Head.read(SourceInput.ofFile(Fixtures.file("layout2.txt"))))).isTrue();
        assertThat(source.accepts(Head.read(SourceInput.ofFile(Fixtures.file("layout1.txt"))))).isFalse();
    }

    @Test
    void windowsLineEndingsParseLikeCleanInput() {
        String clean = Fixtures.text("layout2.txt");
        assertThat(read("\uFEFF" + clean.replace("\n", " \r\n"))).isEqualTo(read(clean));
    }

    @Test
    void aTitleWithoutAbstractAtTheEndIsTruncation() {
        String truncated = Fixtures.text("layout2.txt") + "A Dangling Title\n";
        assertThatThrownBy(() -> read(truncated))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage("layout2.txt line 9: expected an abstract after the title \"A Dangling Title\", found end of file");
    }

    private List<Paper> read(String content) {
        return Fixtures.read(source, "layout2.txt", content);
    }
}
