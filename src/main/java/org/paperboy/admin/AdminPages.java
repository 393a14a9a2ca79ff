package org.paperboy.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.stats.GrowthDay;
import org.paperboy.stats.Report;
import org.paperboy.stats.ReaderDelivery;
import org.paperboy.subscribers.Subscriber;

/** Renders the admin pages from {@code templates/admin/} (HTML auto-escaped; the charts are our own SVG). */
final class AdminPages {

    private final DigestRenderer renderer;
    private final String listName;

    AdminPages(DigestRenderer renderer, String listName) {
        this.renderer = renderer;
        this.listName = listName;
    }

    String dashboard(Report report) {
        Map<String, Object> model = model("Dashboard");
        model.put("report", report);
        model.put("readersChart", Charts.readers(report.growth()));
        model.put("sendsChart", Charts.sends(report.growth()));
        model.put("ratesChart", Charts.rates(report.growth()));
        model.put("bounceRate", percent(report.rates().bounceRate()));
        model.put("complaintRate", percent(report.rates().complaintRate()));
        List<GrowthDay> busy = new ArrayList<>(report.growth().stream().filter(d -> !d.quiet()).toList());
        Collections.reverse(busy);
        model.put("busyDays", busy);
        return renderer.renderPage("admin/dashboard.html.ftlh", model);
    }

    String search(String email, String problem) {
        Map<String, Object> model = model("Find a reader");
        model.put("email", email == null ? "" : email);
        putIf(model, "problem", problem);
        return renderer.renderPage("admin/reader.html.ftlh", model);
    }

    String reader(Subscriber s, List<ReaderDelivery> history, List<org.paperboy.subscribers.Votes.Vote> votes, LocalDate latest, String unsubscribeToken, String resendToken,
                  String done, String problem) {
        Map<String, Object> model = model(s.email());
        model.put("email", s.email());
        model.put("reader", s);
        model.put("status", s.status().key());
        model.put("frequency", s.frequency().key());
        model.put("topics", s.topics());
        model.put("keywords", s.keywords());
        model.put("history", history);
        model.put("votes", votes);
        putIf(model, "latest", latest == null ? null : latest.toString());
        model.put("unsubscribeToken", unsubscribeToken);
        model.put("resendToken", resendToken);
        putIf(model, "done", done);
        putIf(model, "problem", problem);
        return renderer.renderPage("admin/reader.html.ftlh", model);
    }

    String readers(ReaderFilter filter, Keyset.Page<ReaderList.Row> page, List<String> topics, String exportToken, int size) {
        Map<String, Object> model = model("Readers");
        model.put("filter", filter.params());
        model.put("filtered", filter.any());
        model.put("problems", filter.problems());
        model.put("statuses", java.util.Arrays.stream(org.paperboy.subscribers.Status.values()).map(s -> s.key()).toList());
        model.put("frequencies", java.util.Arrays.stream(org.paperboy.subscribers.Frequency.values()).map(f -> f.key()).toList());
        model.put("topicChoices", topics);
        model.put("rows", page.rows().stream().map(AdminPages::row).toList());
        model.put("exportToken", exportToken);
        links(model, "/admin/readers", filter.queryString(), page, size);
        return renderer.renderPage("admin/readers.html.ftlh", model);
    }

    String returned(ReturnedLog.Provenance provenance, Keyset.Page<ReturnedLog.Row> page, int size) {
        Map<String, Object> model = model("Returned mail");
        model.put("provenance", provenance == null ? "" : provenance.key());
        model.put("rows", page.rows().stream().map(AdminPages::row).toList());
        links(model, "/admin/returned", provenance == null ? "" : "provenance=" + provenance.key(), page, size);
        return renderer.renderPage("admin/returned.html.ftlh", model);
    }

    /** A reader of the list as the template reads it (the row records are not public, so not open to it). */
    private static Map<String, Object> row(ReaderList.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", r.email());
        m.put("status", r.status());
        m.put("frequency", r.frequency());
        m.put("topics", r.topics());
        m.put("joined", r.joinedDay());
        m.put("hardBounces", r.hardBounces());
        putIf(m, "reason", r.unsubscribeReason());
        return m;
    }

    private static Map<String, Object> row(ReturnedLog.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("when", r.when());
        m.put("provenance", r.provenance());
        m.put("kind", r.kind());
        m.put("recipient", r.recipient());
        m.put("reader", r.subscriberId() != null);
        m.put("reason", r.reason());
        putIf(m, "status", r.statusCode());
        m.put("diagnostic", r.diagnostic());
        return m;
    }

    /** The links to the first, previous and next page of a list, keeping its filter and page size. */
    private static void links(Map<String, Object> model, String path, String query, Keyset.Page<?> page, int size) {
        String keep = query + (size == ListRoutes.PAGE ? "" : (query.isEmpty() ? "" : "&") + "size=" + size);
        String base = path + "?" + keep + (keep.isEmpty() ? "" : "&");
        putIf(model, "nextUrl", page.next() == null ? null : base + "after=" + page.next());
        putIf(model, "previousUrl", page.previous() == null ? null : base + "before=" + page.previous());
        putIf(model, "firstUrl", page.previous() == null ? null : keep.isEmpty() ? path : path + "?" + keep);
    }

    String message(String title, String message) {
        Map<String, Object> model = model(title);
        model.put("message", message);
        return renderer.renderPage("admin/message.html.ftlh", model);
    }

    private Map<String, Object> model(String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("listName", listName);
        model.put("title", title);
        return model;
    }

    private static void putIf(Map<String, Object> model, String key, Object value) {
        if (value != null) {
            model.put(key, value);
        }
    }

    static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", rate * 100);
    }
}
