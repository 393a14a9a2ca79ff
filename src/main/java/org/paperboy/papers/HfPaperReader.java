package org.paperboy.papers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Turns one element of a {@code /api/daily_papers} array into a {@link Paper}. */
final class HfPaperReader {

    private final String name;
    private final String label;

    HfPaperReader(String name, String label) {
        this.name = name;
        this.label = label;
    }

    Paper read(HfJson.Element element, String path, int line) {
        HfJson.Paper paper = element.paper();
        if (paper == null) {
            throw fail(line, path + ".paper", "expected a paper object with an id and a title, found no \"paper\" field");
        }
        String title = TexText.plain(Titles.collapse(first(paper.title(), element.title())));
        if (title == null || title.isEmpty()) {
            throw fail(line, path + ".paper.title", "missing or empty");
        }
        if (paper.upvotes() != null && paper.upvotes() < 0) {
            throw fail(line, path + ".paper.upvotes", "negative: " + paper.upvotes());
        }
        String id = paper.id() == null || paper.id().isBlank() ? null : paper.id().strip();
        LocalDate published = date(first(paper.publishedAt(), element.publishedAt()), line, path + ".paper.publishedAt");
        List<String> authors = authors(paper.authors());
        return new Paper(id != null ? id : Titles.slug(title), title,
                TexText.plain(Titles.collapse(first(paper.summary(), element.summary()))),
                authors, authors.size(), published, paper.upvotes(), organization(paper.organization(), element.organization()),
                keywords(paper.aiKeywords()), links(id, paper), List.of(label),
                new Paper.Extras(TexText.plain(Titles.collapse(paper.aiSummary())), element.thumbnail(), element.numComments(), paper.githubStars(),
                        null, featured(element.publishedAt())));
    }

    private static Links links(String id, HfJson.Paper paper) {
        Links links = ArxivIds.isArxivId(id) ? Links.forArxivId(id)
                : id == null ? Links.NONE : new Links("https://huggingface.co/papers/" + id, null, null, null, null);
        return links.withProjectPage(paper.projectPage()).withGithub(paper.githubRepo());
    }

    private static List<String> authors(List<HfJson.Author> authors) {
        List<String> names = new ArrayList<>(authors == null ? 0 : authors.size());
        for (HfJson.Author author : authors == null ? List.<HfJson.Author>of() : authors) {
            String name = author == null ? null : Titles.collapse(author.name());
            if (name != null && !name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> keywords(List<String> keywords) {
        List<String> words = new ArrayList<>();
        for (String keyword : keywords == null ? List.<String>of() : keywords) {
            if (keyword != null && !keyword.isBlank()) {
                words.add(Titles.collapse(keyword));
            }
        }
        return words;
    }

    private static String organization(HfJson.Org... orgs) {
        for (HfJson.Org org : orgs) {
            String full = org == null ? null : Titles.collapse(first(org.fullname(), org.name()));
            if (full != null && !full.isEmpty()) {
                return full;
            }
        }
        return null;
    }

    private LocalDate date(String value, int line, String path) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException again) {
                throw fail(line, path, "expected an ISO-8601 date, found \"" + HfDailySource.abbreviate(value) + "\"");
            }
        }
    }

    /** The day the daily list featured the entry (its own publishedAt), or null when absent or unreadable: it only dates news. */
    private static LocalDate featured(String value) {
        try {
            return value == null || value.isBlank() ? null : OffsetDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private SourceFormatException fail(int line, String path, String message) {
        return new SourceFormatException(name + " line " + line + " at " + path + ": " + message);
    }
}
