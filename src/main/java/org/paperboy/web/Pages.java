package org.paperboy.web;

import java.util.ArrayList;
import java.util.Comparator;
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
    private final List<Map<String, Object>> groups;
    private final Map<String, String> names = new LinkedHashMap<>();

    Pages(DigestRenderer renderer, EmailConfig email, List<Topic> topics) {
        this.renderer = renderer;
        this.email = email;
        this.topics = topics.stream().map(t -> Map.of("slug", t.slug(), "name", t.name())).toList();
        this.groups = groups(topics);
        topics.forEach(t -> names.put(t.slug(), t.name()));
    }

    /** The topics under their group headings: groups in file order, topics by name within each. */
    private static List<Map<String, Object>> groups(List<Topic> topics) {
        Map<String, List<Topic>> byGroup = new LinkedHashMap<>();
        topics.forEach(t -> byGroup.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(t));
        List<Map<String, Object>> groups = new ArrayList<>();
        byGroup.forEach((group, members) -> groups.add(Map.of("name", group, "topics", members.stream()
                .sorted(Comparator.comparing(Topic::name, String.CASE_INSENSITIVE_ORDER))
                .map(t -> Map.of("slug", t.slug(), "name", t.name())).toList())));
        return List.copyOf(groups);
    }

    /** The names of these topic slugs, in the taxonomy's order; unknown slugs are left out. */
    List<String> topicNames(List<String> slugs) {
        return names.entrySet().stream().filter(e -> slugs.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    Map<String, Object> model() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("listName", email.listName());
        model.put("senderName", email.senderName());
        model.put("postalAddress", email.postalAddress());
        model.put("baseUrl", email.publicBaseUrl());
        model.put("topics", topics);
        model.put("groups", groups);
        return model;
    }

    String render(String template, Map<String, Object> model) {
        return renderer.renderPage("web/" + template, model);
    }

    /** A page that says one thing; with an action, it shows one button that POSTs there. */
    String message(String title, String message, String action, String button) {
        return render("message.html.ftlh", messageModel(title, message, action, button));
    }

    /** The model of {@link #message}, for a page that adds to it (a detail line, a form's fields). */
    Map<String, Object> messageModel(String title, String message, String action, String button) {
        Map<String, Object> model = model();
        model.put("title", title);
        model.put("message", message);
        if (action != null) {
            model.put("action", action);
            model.put("button", button);
        }
        return model;
    }
}
