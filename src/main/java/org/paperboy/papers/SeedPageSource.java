package org.paperboy.papers;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layout 1 of the seed page dumps: a header ending in the page date ({@code Nov 20}), then per
 * paper a title line, an abstract line and optional metadata ({@code • N authors} or an
 * organization, a line holding only {@code ·}, and a date line), blank lines between the parts.
 */
final class SeedPageSource implements PaperSource {

    private static final Pattern AUTHORS = Pattern.compile("• (\\d+) authors?");
    private static final String DOT = "·";
    private static final int HEADER_LINES = 12;

    @Override
    public String format() {
        return "seed page (layout 1)";
    }

    @Override
    public boolean accepts(Head head) {
        List<String> lines = head.lines().subList(0, Math.min(HEADER_LINES, head.lines().size()));
        return lines.contains("Subscribe") && lines.stream().anyMatch(l -> bareDate(l) != null);
    }

    @Override
    public void read(SourceInput input, LocalDate asOf, Consumer<Paper> sink) {
        try (TextLines text = new TextLines(input)) {
            Lookahead lines = new Lookahead(text);
            LocalDate pageDate = readHeader(lines, text, asOf);
            while (lines.peek(0) != null) {
                sink.accept(readPaper(lines, text, input.label(), pageDate));
            }
        }
    }

    private LocalDate readHeader(Lookahead lines, TextLines text, LocalDate asOf) {
        for (int i = 0; i < HEADER_LINES; i++) {
            Line line = lines.next();
            if (line == null) {
                break;
            }
            MonthDay day = bareDate(line.text());
            if (day != null) {
                return PageDates.onOrBefore(day, asOf);
            }
        }
        throw text.error(Math.max(1, text.number()), "expected the page date (such as \"Nov 20\") in the page header");
    }

    private Paper readPaper(Lookahead lines, TextLines text, String label, LocalDate pageDate) {
        Line title = lines.next();
        if (isMetadata(title.text())) {
            throw text.error(title.number(), "expected a paper title, found metadata \"" + title.text() + "\"");
        }
        Line summary = lines.next();
        if (summary == null) {
            throw text.error(title.number(), "expected an abstract after the title \"" + title.text() + "\", found end of file");
        }
        if (isMetadata(summary.text())) {
            throw text.error(summary.number(), "expected an abstract after the title \"" + title.text()
                    + "\", found \"" + summary.text() + "\"");
        }
        Metadata meta = readMetadata(lines, text, title.text(), pageDate);
        String name = Titles.collapse(title.text());
        String abstractText = Titles.collapse(summary.text());
        return new Paper(Titles.slug(name), name, abstractText, List.of(), meta.authorCount(), meta.date(),
                meta.upvotes(), meta.organization(), List.of(), AbstractLinks.find(abstractText), List.of(label),
                Paper.Extras.featured(pageDate));
    }

    private record Metadata(int authorCount, String organization, LocalDate date, Integer upvotes) {
        static final Metadata NONE = new Metadata(0, null, null, null);
    }

    private Metadata readMetadata(Lookahead lines, TextLines text, String title, LocalDate pageDate) {
        Line first = lines.peek(0);
        Line second = lines.peek(1);
        int authorCount = 0;
        String organization = null;
        if (first == null) {
            return Metadata.NONE;
        }
        Matcher authors = AUTHORS.matcher(first.text().strip());
        if (authors.matches()) {
            authorCount = Integer.parseInt(authors.group(1));
            lines.next();
        } else if (!first.text().strip().equals(DOT)) {
            if (second == null || !second.text().strip().equals(DOT)) {
                return Metadata.NONE;
            }
            organization = first.text().strip();
            lines.next();
        }
        Line dot = lines.next();
        if (dot == null || !dot.text().strip().equals(DOT)) {
            throw text.error(dot == null ? text.number() : dot.number(), "expected \"·\" in the metadata of \""
                    + title + "\", found " + (dot == null ? "end of file" : "\"" + dot.text().strip() + "\""));
        }
        Line date = lines.next();
        if (date == null) {
            throw text.error(dot.number(), "expected a date line after \"·\" in the metadata of \"" + title + "\", found end of file");
        }
        try {
            PageDates.Stamp stamp = PageDates.parse(date.text().strip(), pageDate);
            return new Metadata(authorCount, organization, stamp.date(), stamp.upvotes());
        } catch (IllegalArgumentException e) {
            throw text.error(date.number(), e.getMessage() + " in the metadata of \"" + title + "\"");
        }
    }

    private static boolean isMetadata(String line) {
        String s = line.strip();
        return s.equals(DOT) || AUTHORS.matcher(s).matches() || PageDates.isDateLine(s);
    }

    private static MonthDay bareDate(String line) {
        try {
            return PageDates.bareMonthDay(line.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    record Line(int number, String text) {
    }

    /** The non-blank lines of a text, with up to two lines of lookahead. */
    static final class Lookahead {
        private final TextLines text;
        private final Deque<Line> buffered = new ArrayDeque<>(2);

        Lookahead(TextLines text) {
            this.text = text;
        }

        Line peek(int index) {
            while (buffered.size() <= index) {
                Line line = readNonBlank();
                if (line == null) {
                    return null;
                }
                buffered.addLast(line);
            }
            return index == 0 ? buffered.peekFirst() : List.copyOf(buffered).get(index);
        }

        Line next() {
            return buffered.isEmpty() ? readNonBlank() : buffered.pollFirst();
        }

        private Line readNonBlank() {
            for (String line = text.next(); line != null; line = text.next()) {
                if (!line.isBlank()) {
                    return new Line(text.number(), line);
                }
            }
            return null;
        }
    }
}
