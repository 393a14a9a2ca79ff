package org.paperboy.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperboy.digest.ArchiveCopy;
import org.paperboy.digest.DigestArchive;
import org.paperboy.papers.Links;

/** The archive of past digests and its Atom feed ({@code /feed.xml}). */
final class ArchivePages {

    static final int FEED_ENTRIES = 30;
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);

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
        LocalDate day = null;
        try {
            day = LocalDate.parse(date);
            html = archive.html(day);
        } catch (DateTimeParseException e) {
            html = Optional.empty();
        }
        if (html.isEmpty()) {
            ex.html(404, pages.message("No digest that day", "There is no digest for " + date + " in the archive.", null, null));
        } else {
            ex.html(200, ArchiveCopy.publicPage(html.get(), footer(day)));
        }
    }

    /** The archive's own footer: no reader's address, no unsubscribe or preference links. */
    private String footer(LocalDate day) {
        Map<String, Object> model = pages.model();
        model.put("dateLong", LONG_DATE.format(day));
        return pages.render("archive-footer.html.ftlh", model);
    }

    void feed(Exchange ex) throws IOException {
        List<DigestArchive.Entry> recent = archive.recent(FEED_ENTRIES);
        Map<String, Object> model = pages.model();
        model.put("entries", feedEntries(recent));
        model.put("updated", recent.isEmpty() ? "1970-01-01T00:00:00Z" : recent.get(0).createdAt().toString());
        ex.send(200, "application/atom+xml; charset=utf-8", pages.render("feed.xml.ftlx", model));
    }

    /** Each day with its papers as content: titles, links and one-line summaries. */
    private List<Map<String, Object>> feedEntries(List<DigestArchive.Entry> entries) {
        List<Map<String, Object>> result = new ArrayList<>(entries.size());
        for (DigestArchive.Entry e : entries) {
            Map<String, Object> entry = new LinkedHashMap<>(entries(List.of(e)).get(0));
            entry.put("content", content(archive.html(e.date()).map(ArchiveCopy::papers).orElse(List.of())));
            result.add(entry);
        }
        return result;
    }

    /** The day's papers as the HTML of an Atom {@code content type="html"}: the template escapes it once more. */
    static String content(List<ArchiveCopy.Paper> papers) {
        StringBuilder html = new StringBuilder("<ol>");
        for (ArchiveCopy.Paper p : papers) {
            String url = Links.webUrlOrNull(p.url());
            html.append("<li>");
            if (url != null) {
                html.append("<a href=\"").append(escape(url)).append("\">").append(escape(p.title())).append("</a>");
            } else {
                html.append(escape(p.title()));
            }
            if (!p.summary().isEmpty()) {
                html.append("<br>").append(escape(p.summary()));
            }
            html.append("</li>");
        }
        return html.append("</ol>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static List<Map<String, Object>> entries(List<DigestArchive.Entry> entries) {
        return entries.stream().map(e -> Map.<String, Object>of("date", e.date().toString(), "subject", e.subject(),
                "paperCount", e.paperCount(), "createdAt", e.createdAt().toString())).toList();
    }
}
