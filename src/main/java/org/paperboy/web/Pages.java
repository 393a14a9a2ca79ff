package org.paperboy.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.EmailConfig;
import org.paperboy.ranking.Topic;

/** Renders the web pages from {@code templates/web/}, with what every page shows. */
final class Pages {

    private final DigestRenderer renderer;
    private final EmailConfig email;
    private final List<Map<String, String>> topics;

    Pages(DigestRenderer renderer, EmailConfig email, List<Topic> topics) {
        this.renderer = renderer;
        this.email = email;
        this.topics = topics.stream().map(t -> Map.of("slug", t.slug(), "name", t.name())).toList();
    }

    Map<String, Object> model() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("listName", email.listName());
        model.put("senderName", email.senderName());
        model.put("postalAddress", email.postalAddress());
        model.put("baseUrl", email.publicBaseUrl());
        model.put("topics", topics);
        return model;
    }

    String render(String template, Map<String, Object> model) {
        return renderer.renderPage("web/" + template, model);
    }

    /** A page that says one thing; with an action, it shows one button that POSTs there. */
    String message(String title, String message, String action, String button) {
        Map<String, Object> model = model();
        model.put("title", title);
        model.put("message", message);
        if (action != null) {
            model.put("action", action);
            model.put("button", button);
        }
        return render("message.html.ftlh", model);
    }
}
