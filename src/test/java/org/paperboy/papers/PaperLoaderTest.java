package org.paperboy.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperLoaderTest {

    private final PaperLoader loader = new PaperLoader(PapersConfig.DEFAULTS);

    @Test
    void theFiveSeedsHold598EntriesThatMergeInto561Papers() {
        PaperLoader.Loaded loaded = loader.load(List.of("seeds"), Fixtures.AS_OF);
        assertThat(loaded.inputs()).hasSize(5);
        assertThat(loaded.entries()).isEqualTo(598);
        assertThat(loaded.papers()).hasSize(561);
        assertThat(loaded.papers()).extracting(Paper::id).doesNotHaveDuplicates();
    }

    @Test
    void eachSeedFileHoldsItsKnownNumberOfEntries() throws IOException {
        List<Path> files;
        try (var list = Files.list(Fixtures.seeds())) {
            files = list.sorted().toList();
        }
        assertThat(files).extracting(f -> loader.readFile(f, Fixtures.AS_OF).size()).containsExactly(44, 54, 48, 229, 223);
    }

    @Test
    void aTitleOnlyEntryTakesTheSeedPagesDateAndUpvotes() {
        List<Paper> papers = loader.load(List.of(Fixtures.file("layout2.txt").toString(), Fixtures.file("layout1.txt").toString()),
                Fixtures.AS_OF).papers();
        Paper merged = Fixtures.titled(papers, "Policy Gradients for σ-Algebras");
        assertThat(merged.abstractText()).isEqualTo("We study policy gradient methods, again.");
        assertThat(merged.published()).isEqualTo(LocalDate.of(2025, 4, 7));
        assertThat(merged.upvotes()).isEqualTo(2);
        assertThat(merged.sources()).containsExactly("layout2.txt", "layout1.txt");
        // the title differs only in case: "A Paper without metadata" / "A Paper Without Metadata"
        assertThat(papers).filteredOn(p -> p.title().equalsIgnoreCase("A Paper Without Metadata")).hasSize(1);
    }

    @Test
    void theSamePaperFromJsonAndAtomMergesByArxivIdAndFromTheListByTitle() {
        List<Paper> papers = loader.load(List.of(Fixtures.file("daily.json").toString(), Fixtures.file("arxiv.atom").toString(),
                Fixtures.file("layout2.txt").toString()), Fixtures.AS_OF).papers();
        Paper second = Fixtures.titled(papers, "A Second JSON Paper");
        assertThat(second.sources()).containsExactly("daily.json", "arxiv.atom");
        assertThat(second.authors()).containsExactly("Grace Hopper", "Alan Turing");
        assertThat(second.upvotes()).isEqualTo(7);
        Paper only = Fixtures.titled(papers, "Only In The List");
        assertThat(only.id()).isEqualTo("2504.01234");
        assertThat(only.sources()).containsExactly("daily.json", "layout2.txt");
        assertThat(papers).hasSize(5);
    }

    @Test
    void aDirectoryAndAGlobExpandToTheirFilesSorted(@TempDir Path dir) throws IOException {
        Files.copy(Fixtures.file("layout1.txt"), dir.resolve("b.txt"));
        Files.copy(Fixtures.file("daily.json"), dir.resolve("a.json"));
        Files.writeString(dir.resolve(".hidden"), "ignored");
        assertThat(loader.load(List.of(dir.toString()), Fixtures.AS_OF).inputs())
                .containsExactly(dir.resolve("a.json").toString(), dir.resolve("b.txt").toString());
        assertThat(loader.load(List.of(dir + "/*.json"), Fixtures.AS_OF).inputs())
                .containsExactly(dir.resolve("a.json").toString());
    }

    @Test
    void anEmptyFileIsAnError(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "\n  \n");
        assertThatThrownBy(() -> loader.load(List.of(empty.toString()), Fixtures.AS_OF))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage(empty + ": the file is empty");
    }

    @Test
    void binaryBytesAreAnError(@TempDir Path dir) throws IOException {
        Path binary = Files.write(dir.resolve("paper.pdf"), new byte[] {'%', 'P', 'D', 'F', (byte) 0xC3, 0x28, 0, 1, 2});
        assertThatThrownBy(() -> loader.load(List.of(binary.toString()), Fixtures.AS_OF))
                .isInstanceOf(SourceFormatException.class)
                .hasMessageStartingWith(binary + ": binary data");
    }

    @Test
    void invalidUtf8LaterInATextFileNamesTheLine(@TempDir Path dir) throws IOException {
        byte[] text = Fixtures.text("layout2.txt").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] padded = new byte[text.length + 9000 + 2];
        System.arraycopy(text, 0, padded, 0, text.length);
        for (int i = text.length; i < text.length + 9000; i++) {
            padded[i] = (byte) ((i % 100 == 0) ? '\n' : 'x');
        }
        padded[padded.length - 2] = (byte) 0xFF;
        padded[padded.length - 1] = '\n';
        Path file = Files.write(dir.resolve("late.txt"), padded);
        assertThatThrownBy(() -> loader.load(List.of(file.toString()), Fixtures.AS_OF))
                .isInstanceOf(SourceFormatException.class)
                .hasMessageMatching(".*late\\.txt line \\d+: not UTF-8 text.*");
    }

    @Test
    void anUnknownFormatSaysWhatWasExpected(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("papers.csv"), "id,title\n1,Attention\n");
        assertThatThrownBy(() -> loader.load(List.of(csv.toString()), Fixtures.AS_OF))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage(csv + ": unknown format (starts with \"id,title\"); expected one of: Hugging Face daily papers JSON,"
                        + " arXiv Atom feed, seed list (layout 2), seed page (layout 1)");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> loader.load(List.of("seeds/nope.txt"), Fixtures.AS_OF))
                .hasMessage("seeds/nope.txt: no such file or directory");
    }
}
