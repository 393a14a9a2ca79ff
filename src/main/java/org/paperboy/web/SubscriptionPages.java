package org.paperboy.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.paperboy.ConfigException;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.EmailAddress;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.subscribers.SubscriberStore;
import org.paperboy.subscribers.SubscriptionService;

/**
 * The subscribe form and the confirmation page. A new, pending, confirmed or unsubscribed address
 * all get the same page, the same status and about the same time (the mail goes out after the
 * answer), so the form tells nobody who is subscribed.
 */
final class SubscriptionPages {

    private final SubscriptionService subscriptions;
    private final Pages pages;
    private final Executor background;
    private final Clock clock;
    private final Standing standing;

    /** @param background runs a subscription after its answer, in order; it may refuse when full */
    SubscriptionPages(SubscriptionService subscriptions, Pages pages, Executor background, Clock clock) {
        this.subscriptions = subscriptions;
        this.pages = pages;
        this.background = background;
        this.clock = clock;
        this.standing = new Standing(pages);
    }

    void form(Exchange ex) throws IOException {
        ex.html(200, subscribeForm(null, "", List.of(), "daily"));
    }

    void subscribe(Exchange ex, Map<String, List<String>> form) throws IOException {
        String email = first(form, "email");
        List<String> topics = form.getOrDefault("topics", List.of());
        Frequency frequency = frequency(form);
        if (!first(form, "website").isEmpty()) {
            ex.html(200, checkInbox(email, topics, frequency));   // the honeypot was filled: a bot; answer as usual, do nothing
            return;
        }
        try {
            Preferences preferences = Preferences.of(topics, List.of());
            EmailAddress.normalise(email);
            subscriptions.checkTopics(preferences);
            Consent consent = new Consent("web", ex.clientIp(), ex.header("User-Agent"),
                    SubscriptionService.CONSENT_TEXT_VERSION, clock.instant());
            // Only checks that look at the text alone come before the answer; the store, the token and
            // the mail all run after it, the same for a known and an unknown address, so the answer's
            // time tells nobody who is subscribed.
            background.execute(() -> subscriptions.subscribe(email, preferences, frequency, consent, false, Runnable::run));
        } catch (EmailAddress.InvalidAddressException | ConfigException e) {
            ex.html(400, subscribeForm("Please check the address: " + e.getMessage(), email, topics, frequency.key()));
            return;
        }
        ex.html(200, checkInbox(email, topics, frequency));
    }

    static Frequency frequency(Map<String, List<String>> form) {
        return Frequency.WEEKLY.key().equals(first(form, "frequency")) ? Frequency.WEEKLY : Frequency.DAILY;
    }

    /**
     * The confirmation link's page: where the address stands first, then the one button when there is
     * something to confirm. A GET changes nothing (mail scanners open links), a used or expired link says
     * so here, before anything is pressed.
     */
    void confirmPage(Exchange ex, String token) throws IOException {
        SubscriberStore.Confirmation state = subscriptions.confirmationState(token);
        Optional<Subscriber> reader = subscriptions.byConfirmationToken(token);
        if (state == SubscriberStore.Confirmation.WAITING && reader.isPresent() && reader.get().status() == Status.PENDING) {
            Subscriber s = reader.get();
            ex.html(200, pages.message("Confirm your subscription", s.email() + " is waiting for confirmation: the " + s.frequency().key()
                    + " digest " + standing.topics(s.topics()) + ". One more step: press the button to start receiving it.",
                    "/confirm/" + token, "Confirm my subscription"));
        } else {
            answer(ex, state, reader);
        }
    }

    void confirm(Exchange ex, String token) throws IOException {
        SubscriberStore.Confirmation state = subscriptions.confirm(token);
        Optional<Subscriber> reader = subscriptions.byConfirmationToken(token);
        if (state == SubscriberStore.Confirmation.CONFIRMED && reader.isPresent() && reader.get().status() == Status.CONFIRMED) {
            ex.html(200, confirmed(reader.get(), false));
        } else {
            answer(ex, state, reader);
        }
    }

    /** What a link that confirms nothing (any more) says: the address's state, and the way forward. */
    private void answer(Exchange ex, SubscriberStore.Confirmation state, Optional<Subscriber> reader) throws IOException {
        if (state == SubscriberStore.Confirmation.UNKNOWN || reader.isEmpty()) {
            ex.html(400, pages.message("This link is not valid",
                    "The link may be incomplete: copy the whole link from the mail, or subscribe again.", null, null));
            return;
        }
        Subscriber s = reader.get();
        if (s.status() == Status.CONFIRMED) {
            ex.html(200, confirmed(s, true));
            return;
        }
        boolean expired = state == SubscriberStore.Confirmation.EXPIRED;
        boolean gone = expired || state == SubscriberStore.Confirmation.USED;
        String title;
        String message;
        if (s.status() == Status.PENDING) {
            title = expired ? "This link has expired" : "This link was already used";
            message = (expired ? "Confirmation links work for 72 hours. " : "A newer confirmation link was mailed since, and only the latest"
                    + " one works. ") + standing.of(s) + " Subscribe again to get a new link:";
        } else {
            title = s.status() == Status.UNSUBSCRIBED ? "You are unsubscribed" : "No mail goes to this address";
            message = (expired ? "This confirmation link has expired. " : gone ? "This confirmation link was used. " : "")
                    + standing.of(s) + " Changed your mind? Subscribe again with the same topics:";
        }
        ex.html(gone ? 410 : 200, pages.render("message.html.ftlh", Standing.withSubscribeAgain(pages.messageModel(title, message, null, null), s)));
    }

    /** The page of a confirmed reader: one sentence naming the address, the frequency and the topics, then the preferences link. */
    private String confirmed(Subscriber s, boolean already) {
        String digest = "the " + s.frequency().key() + " digest " + standing.topics(s.topics()) + ".";
        Map<String, Object> model = pages.messageModel(already ? "Already confirmed" : "You are subscribed",
                already ? s.email() + " is already confirmed: it gets " + digest : "Thank you: " + s.email() + " gets " + digest, null, null);
        model.put("link", Map.of("before", "To change the topics or how often it comes, open ", "text", "your preferences",
                "href", "/preferences/" + subscriptions.preferencesToken(s.id()), "after", ". Every digest links there too."));
        return pages.render("message.html.ftlh", model);
    }

    /**
     * The same page whatever the address's state: it only repeats what the form said, and says what
     * holds for every address (the page must not tell whether this one asked within the hour, or it
     * would tell strangers who is signing up).
     */
    private String checkInbox(String email, List<String> topics, Frequency frequency) {
        Map<String, Object> model = pages.messageModel("Check your inbox", "If " + email + " can receive the digest, a mail with "
                + "a confirmation link is on its way to it. When our mail server is busy or down it may take a while: the mail is kept "
                + "and sent as soon as the server takes it. The link works for 72 hours. We send at most one such mail an hour to an "
                + "address: if you already asked within the last hour, no new mail is sent now, so use the link in that one, or ask "
                + "again once the hour has passed. You chose the "
                + frequency.key() + " digest" + (topics.isEmpty() ? ", on every topic." : ", on these topics:"), null, null);
        model.put("topicNames", pages.topicNames(topics));
        return pages.render("message.html.ftlh", model);
    }

    private String subscribeForm(String error, String email, List<String> chosen, String frequency) {
        Map<String, Object> model = pages.model();
        model.put("email", email == null ? "" : email);
        model.put("chosen", chosen);
        model.put("frequency", frequency);
        model.put("consentVersion", SubscriptionService.CONSENT_TEXT_VERSION);
        if (error != null) {
            model.put("error", error);
        }
        return pages.render("subscribe.html.ftlh", model);
    }

    static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }
}
