package org.paperboy.papers;

import com.fasterxml.jackson.databind.JsonNode;
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

    Paper read(JsonNode element, String path, int line) {
        JsonNode paper = element.path("paper");
        if (!paper.isObject()) {
            throw fail(line, path + ".paper", "expected a paper object with an id and a title, found "
                    + (paper.isMissingNode() ? "no \"paper\" field" : paper.getNodeType().toString().toLowerCase()));
        }
        String id = text(paper, "id");
        String title = Titles.collapse(firstText(paper.path("title"), element.path("title")));
        if (title == null || title.isEmpty()) {
            throw fail(line, path + ".paper.title", "missing or empty");
        }
        String summary = Titles.collapse(firstText(paper.path("summary"), element.path("summary")));
        List<String> authors = authors(paper.path("authors"));
        LocalDate published = date(firstText(paper.path("publishedAt"), element.path("publishedAt")), line, path + ".paper.publishedAt");
        Integer upvotes = paper.path("upvotes").canConvertToInt() ? paper.path("upvotes").asInt() : null;
        if (upvotes != null && upvotes < 0) {
            throw fail(line, path + ".paper.upvotes", "negative: " + upvotes);
        }
        Links links = ArxivIds.isArxivId(id) ? Links.forArxivId(id)
                : id == null ? Links.NONE : new Links("https://huggingface.co/papers/" + id, null, null, null, null);
        links = links.withProjectPage(text(paper, "projectPage")).withGithub(text(paper, "githubRepo"));
        String paperId = id != null && !id.isBlank() ? id : Titles.slug(title);
        return new Paper(paperId, title, summary, authors, authors.size(), published, upvotes,
                organization(paper, element), keywords(paper.path("ai_keywords")), links, List.of(label));
    }

    private static List<String> authors(JsonNode authors) {
        List<String> names = new ArrayList<>();
        for (JsonNode author : authors) {
            String name = Titles.collapse(author.path("name").asText(""));
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> keywords(JsonNode keywords) {
        List<String> words = new ArrayList<>();
        for (JsonNode keyword : keywords) {
            if (keyword.isTextual() && !keyword.asText().isBlank()) {
                words.add(Titles.collapse(keyword.asText()));
            }
        }
        return words;
    }

    private static String organization(JsonNode paper, JsonNode element) {
        for (JsonNode org : List.of(paper.path("organization"), element.path("organization"))) {
            String full = Titles.collapse(firstText(org.path("fullname"), org.path("name")));
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static String firstText(JsonNode a, JsonNode b) {
        return a.isTextual() ? a.asText() : b.isTextual() ? b.asText() : null;
    }

    private SourceFormatException fail(int line, String path, String message) {
        return new SourceFormatException(name + " line " + line + " at " + path + ": " + message);
    }
}
