package org.paperboy.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperboy.ConfigException;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.subscribers.SubscriptionService;
import org.paperboy.subscribers.Tokens;
import org.paperboy.subscribers.UnsubscribeReason;
import org.paperboy.subscribers.Votes;

/**
 * The pages behind a digest's signed links: preferences (with the reader's votes, each with undo,
 * and a reset), and unsubscribe. Each first says where the reader stands ({@link Standing}), then
 * offers what fits: a GET only shows a button (or, to a reader already gone, a way back); only a POST
 * changes anything. The unsubscribe POST follows RFC 8058 one-click: any POST
 * with a genuine token unsubscribes at once and answers 200, with no redirect, no cookie and no
 * login, and the same answer when repeated.
 */
final class ReaderPages {

    private final SubscriptionService subscriptions;
    private final Pages pages;
    private final Standing standing;

    ReaderPages(SubscriptionService subscriptions, Pages pages) {
        this.subscriptions = subscriptions;
        this.pages = pages;
        this.standing = new Standing(pages);
    }

    void unsubscribePage(Exchange ex, String token) throws IOException {
        Optional<Subscriber> s = subscriptions.byToken(Tokens.Purpose.UNSUBSCRIBE, token);
        if (s.isEmpty()) {
            badLink(ex);
            return;
        }
        Subscriber reader = s.get();
        switch (reader.status()) {
            case UNSUBSCRIBED -> ex.html(200, pages.render("message.html.ftlh", Standing.withSubscribeAgain(pages.messageModel(
                    "You are already unsubscribed", standing.of(reader) + " Changed your mind? Subscribe again with the same topics:",
                    null, null), reader)));
            case CONFIRMED -> ex.html(200, pages.message("Unsubscribe", standing.of(reader) + " Press the button to stop it.",
                    "/unsubscribe/" + token, "Unsubscribe"));
            case PENDING -> ex.html(200, pages.message("Unsubscribe", standing.of(reader)
                    + " Press the button and it never will be, even if the link is pressed later.", "/unsubscribe/" + token, "Unsubscribe"));
            case BOUNCED -> ex.html(200, pages.message("Unsubscribe", standing.of(reader)
                    + " Press the button to make it final: we will not mail it again.", "/unsubscribe/" + token, "Unsubscribe"));
        }
    }

    void unsubscribe(Exchange ex, String token) throws IOException {
        Optional<Subscriber> s = subscriptions.byToken(Tokens.Purpose.UNSUBSCRIBE, token);
        byte[] body = ex.body();
        boolean oneClick = body != null && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("List-Unsubscribe=One-Click");
        if (s.isEmpty() || !subscriptions.unsubscribe(token, oneClick ? UnsubscribeReason.ONE_CLICK : UnsubscribeReason.USER)) {
            badLink(ex);
            return;
        }
        Map<String, Object> model = pages.messageModel("You are unsubscribed", s.get().email() + " will get no more mail from us. "
                + "Changed your mind? Subscribe again with the same topics:", null, null);
        model.put("topicNames", pages.topicNames(s.get().topics()));
        ex.html(200, pages.render("message.html.ftlh", Standing.withSubscribeAgain(model, s.get())));
    }

    void preferencesPage(Exchange ex, String token, boolean saved) throws IOException {
        Optional<Subscriber> s = subscriptions.byToken(Tokens.Purpose.PREFERENCES, token);
        if (s.isEmpty()) {
            badLink(ex);
            return;
        }
        ex.html(200, preferences(s.get(), token, saved));
    }

    void savePreferences(Exchange ex, String token, Map<String, List<String>> form) throws IOException {
        Optional<Subscriber> s = subscriptions.byToken(Tokens.Purpose.PREFERENCES, token);
        if (s.isEmpty()) {
            badLink(ex);
            return;
        }
        if (form.containsKey("resetVotes")) {
            subscriptions.votes().reset(s.get().id());
            ex.html(200, preferences(s.get(), token, true));
            return;
        }
        List<String> keywords = Arrays.stream(SubscriptionPages.first(form, "keywords").split(",")).map(String::strip)
                .filter(k -> !k.isEmpty()).toList();
        try {
            Frequency frequency = SubscriptionPages.frequency(form);
            subscriptions.updatePreferences(s.get(), Preferences.of(form.getOrDefault("topics", List.of()), keywords), frequency);
        } catch (ConfigException e) {
            ex.html(400, pages.message("Please check your choices", e.getMessage(), null, null));
            return;
        }
        ex.html(200, preferences(subscriptions.byToken(Tokens.Purpose.PREFERENCES, token).orElseThrow(), token, true));
    }

    private String preferences(Subscriber s, String token, boolean saved) {
        Map<String, Object> model = pages.model();
        model.put("email", s.email());
        model.put("standing", standing.of(s) + switch (s.status()) {
            case CONFIRMED -> " Change it here:";
            case PENDING -> " What you choose here holds once it is confirmed.";
            case UNSUBSCRIBED, BOUNCED -> " What you choose here is kept, but sends nothing until you subscribe again.";
        });
        if (s.status() == org.paperboy.subscribers.Status.UNSUBSCRIBED || s.status() == org.paperboy.subscribers.Status.BOUNCED) {
            Standing.withSubscribeAgain(model, s);
        }
        model.put("chosen", s.topics());
        model.put("keywords", String.join(", ", s.keywords()));
        model.put("frequency", s.frequency().key());
        model.put("action", "/preferences/" + token);
        if (s.status() != org.paperboy.subscribers.Status.UNSUBSCRIBED) {
            model.put("unsubscribeAction", "/unsubscribe/" + subscriptions.unsubscribeToken(s.id()));
        }
        if (saved) {
            model.put("saved", true);
        }
        List<Map<String, String>> liked = new java.util.ArrayList<>();
        List<Map<String, String>> hidden = new java.util.ArrayList<>();
        for (Votes.Vote v : subscriptions.votes().of(s.id())) {
            (v.more() ? liked : hidden).add(Map.of("title", v.title(), "undo", "/undo/" + subscriptions.voteToken(s.id(), v.paperId())));
        }
        model.put("liked", liked);
        model.put("hidden", hidden);
        return pages.render("preferences.html.ftlh", model);
    }

    private void badLink(Exchange ex) throws IOException {
        ex.html(400, pages.message("This link is not valid",
                "The link may be incomplete or changed: open it again from the latest digest.", null, null));
    }
}
