package org.paperboy.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperboy.digest.DigestArchive;

/** The archive of past digests and its Atom feed ({@code /feed.xml}). */
final class ArchivePages {

    static final int FEED_ENTRIES = 30;

    private final DigestArchive archive;
    private final Pages pages;

    ArchivePages(DigestArchive archive, Pages pages) {
        this.archive = archive;
        this.pages = pages;
    }

    void list(Exchange ex) throws IOException {
        Map<String, Object> model = pages.model();
        model.put("entries", entries(archive.recent(365)));
        ex.html(200, pages.render("archive.html.ftlh", model));
    }

    void day(Exchange ex, String date) throws IOException {
        Optional<String> html;
        try {
            html = archive.html(LocalDate.parse(date));
        } catch (DateTimeParseException e) {
            html = Optional.empty();
        }
        if (html.isEmpty()) {
            ex.html(404, pages.message("No digest that day", "There is no digest for " + date + " in the archive.", null, null));
        } else {
            ex.html(200, html.get());
        }
    }

    void feed(Exchange ex) throws IOException {
        List<DigestArchive.Entry> recent = archive.recent(FEED_ENTRIES);
        Map<String, Object> model = pages.model();
        model.put("entries", entries(recent));
        model.put("updated", recent.isEmpty() ? "1970-01-01T00:00:00Z" : recent.get(0).createdAt().toString());
        ex.send(200, "application/atom+xml; charset=utf-8", pages.render("feed.xml.ftlx", model));
    }

    private static List<Map<String, Object>> entries(List<DigestArchive.Entry> entries) {
        return entries.stream().map(e -> Map.<String, Object>of("date", e.date().toString(), "subject", e.subject(),
                "paperCount", e.paperCount(), "createdAt", e.createdAt().toString())).toList();
    }
}
