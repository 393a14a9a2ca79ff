package org.paperboy.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArxivAtomSourceTest {

    private final ArxivAtomSource source = new ArxivAtomSource();

    @Test
    void readsEntriesWithIdAuthorsDateAndCategories() {
        List<Paper> papers = read(Fixtures.text("arxiv.atom"));
        assertThat(papers).hasSize(2);
        Paper paper = papers.get(0);
        assertThat(paper.id()).isEqualTo("2504.09999");
        assertThat(paper.title()).isEqualTo("A Second JSON Paper");
        assertThat(paper.abstractText()).isEqualTo("Short, but from arXiv this time.");
        assertThat(paper.authors()).containsExactly("Grace Hopper", "Alan Turing");
        assertThat(paper.published()).isEqualTo(LocalDate.of(2025, 4, 5));
        assertThat(paper.keywords()).containsExactly("cs.LG", "stat.ML");
        assertThat(paper.links().arxivAbs()).isEqualTo("https://arxiv.org/abs/2504.09999");
    }

    @Test
    void readsOldStyleIdentifiers() {
        assertThat(read(Fixtures.text("arxiv.atom")).get(1).id()).isEqualTo("hep-th/9901001");
    }

    @Test
    void aTruncatedFeedIsAnErrorWithALine() {
        String full = Fixtures.text("arxiv.atom");
        assertThatThrownBy(() -> read(full.substring(0, full.indexOf("<author><name>Ed"))))
                .isInstanceOf(SourceFormatException.class)
                .hasMessageStartingWith("feed.atom line ")
                .hasMessageContaining("invalid XML");
    }

    @Test
    void externalEntitiesAreNotResolved() {
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/2504.00001v1</id>"
                + "<title>T &x;</title></entry></feed>";
        assertThatThrownBy(() -> read(hostile)).isInstanceOf(SourceFormatException.class);
    }

    private List<Paper> read(String content) {
        return Fixtures.read(source, "feed.atom", content);
    }
}
