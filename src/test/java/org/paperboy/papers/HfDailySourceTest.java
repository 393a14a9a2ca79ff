package org.paperboy.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HfDailySourceTest {

    private final HfDailySource source = new HfDailySource();

    @Test
    void readsEveryFieldAndNormalisesHardLineBreaks() {
        Paper paper = read(Fixtures.text("daily.json")).get(0);
        assertThat(paper.id()).isEqualTo("2504.01234");
        assertThat(paper.title()).isEqualTo("Only In The List");
        assertThat(paper.abstractText()).isEqualTo("An older response with hard line breaks in the summary.");
        assertThat(paper.authors()).containsExactly("Ada Lovelace", "José Núñez");
        assertThat(paper.authorCount()).isEqualTo(2);
        assertThat(paper.published()).isEqualTo(LocalDate.of(2025, 4, 6));
        assertThat(paper.upvotes()).isEqualTo(42);
        assertThat(paper.organization()).isEqualTo("Example AI Lab");
        assertThat(paper.keywords()).containsExactly("diffusion", "policy gradient");
        assertThat(paper.links().hfPage()).isEqualTo("https://huggingface.co/papers/2504.01234");
        assertThat(paper.links().arxivPdf()).isEqualTo("https://arxiv.org/pdf/2504.01234");
        assertThat(paper.links().github()).isEqualTo("https://github.com/example/only");
    }

    @Test
    void dropsALinkThatIsNotHttp() {
        assertThat(read(Fixtures.text("daily.json")).get(0).links().projectPage()).isNull();
    }

    @Test
    void anEmptyArrayIsADayWithoutPapers() {
        assertThat(read("[]")).isEmpty();
    }

    @Test
    void anArrayOfSomethingElseNamesThePath() {
        assertThatThrownBy(() -> read("[\n  \"a\",\n  \"b\"\n]"))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage("daily.json line 2 at $[0]: expected a paper object, found the string \"a\"");
    }

    @Test
    void anObjectWithoutAPaperNamesThePath() {
        assertThatThrownBy(() -> read("[{\"paper\": {\"id\": \"1\", \"title\": \"x\"}},\n {\"name\": \"not a paper\"}]"))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage("daily.json line 2 at $[1].paper: expected a paper object with an id and a title, found no \"paper\" field");
    }

    @Test
    void aPaperWithoutTitleNamesTheField() {
        assertThatThrownBy(() -> read("[{\"paper\": {\"id\": \"2504.00001\", \"title\": \"  \"}}]"))
                .hasMessage("daily.json line 1 at $[0].paper.title: missing or empty");
    }

    @Test
    void aTruncatedFileSaysSoWithItsLine() {
        String full = Fixtures.text("daily.json");
        String truncated = full.substring(0, full.indexOf("A Second JSON Paper"));
        assertThatThrownBy(() -> read(truncated))
                .isInstanceOf(SourceFormatException.class)
                .hasMessageStartingWith("daily.json line 25 at $[1]: the file ends")
                .hasMessageContaining("truncated");
    }

    @Test
    void aBadDateNamesTheField() {
        assertThatThrownBy(() -> read("[{\"paper\": {\"id\": \"2504.00001\", \"title\": \"T\", \"publishedAt\": \"soon\"}}]"))
                .hasMessage("daily.json line 1 at $[0].paper.publishedAt: expected an ISO-8601 date, found \"soon\"");
    }

    private List<Paper> read(String content) {
        return Fixtures.read(source, "daily.json", content);
    }
}
