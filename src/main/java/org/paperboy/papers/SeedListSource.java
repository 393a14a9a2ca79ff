package org.paperboy.papers;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Layout 2 of the seed page dumps: two header lines, then title and abstract on alternating
 * lines with no blank lines between, the first title glued to the word {@code Subscribe}.
 * These pages print no dates, upvotes or authors; the merge fills them from other sources.
 */
final class SeedListSource implements PaperSource {

    private static final String GLUE = "Subscribe";
    private static final int HEADER_LINES = 3;

    @Override
    public String format() {
        return "seed list (layout 2)";
    }

    @Override
    public boolean accepts(Head head) {
        return head.lines().stream().limit(HEADER_LINES).anyMatch(SeedListSource::isGluedTitle);
    }

    @Override
    public void read(SourceInput input, LocalDate asOf, Consumer<Paper> sink) {
        try (TextLines text = new TextLines(input)) {
            String title = skipHeader(text);
            while (title != null) {
                int titleLine = text.number();
                String summary = nextNonBlank(text);
                if (summary == null) {
                    throw text.error(titleLine, "expected an abstract after the title \"" + title + "\", found end of file");
                }
                String name = Titles.collapse(title);
                String abstractText = Titles.collapse(summary);
                sink.accept(new Paper(Titles.slug(name), name, abstractText, List.of(), 0, null, null, null, List.of(),
                        AbstractLinks.find(abstractText), List.of(input.label())));
                title = nextNonBlank(text);
            }
        }
    }

    private static String skipHeader(TextLines text) {
        for (int i = 0; i < HEADER_LINES; i++) {
            String line = nextNonBlank(text);
            if (line != null && isGluedTitle(line.strip())) {
                return line.strip().substring(GLUE.length()).strip();
            }
        }
        throw text.error(text.number(), "expected the first title glued to \"Subscribe\" in the page header");
    }

    private static boolean isGluedTitle(String line) {
        return line.startsWith(GLUE) && line.length() > GLUE.length() + 1 && !Character.isWhitespace(line.charAt(GLUE.length()));
    }

    private static String nextNonBlank(TextLines text) {
        for (String line = text.next(); line != null; line = text.next()) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }
}
