package org.paperboy.papers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The small input files under src/test/resources/papers, and ways to read them. */
final class Fixtures {

    static final LocalDate AS_OF = LocalDate.of(2025, 11, 22);

    private Fixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/papers/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Paper> read(PaperSource source, SourceInput input) {
        List<Paper> papers = new ArrayList<>();
        source.read(input, AS_OF, papers::add);
        return papers;
    }

    static List<Paper> read(PaperSource source, String name, String content) {
        return read(source, SourceInput.ofBytes(name, content.getBytes(StandardCharsets.UTF_8)));
    }

    static Paper titled(List<Paper> papers, String title) {
        return papers.stream().filter(p -> p.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no paper titled " + title + " in " + papers.stream().map(Paper::title).toList()));
    }

    /** The seeds directory of the repository, which tests run from. */
    static Path seeds() {
        return Path.of("seeds");
    }
}
