package org.paperboy.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.subscribers.SubscriptionService;

/**
 * Where a reader stands, in one sentence, for the top of every page behind a link: a page says
 * this first and only then offers what can be done about it.
 */
final class Standing {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Pages pages;

    Standing(Pages pages) {
        this.pages = pages;
    }

    /** "alice@example.org gets the daily digest on Robotics and Diffusion models." and the like. */
    String of(Subscriber s) {
        return switch (s.status()) {
            case CONFIRMED -> s.email() + " gets the " + s.frequency().key() + " digest " + topics(s.topics()) + ".";
            case PENDING -> s.email() + " is not subscribed yet: the subscription waits for the confirmation link we mailed to it.";
            case UNSUBSCRIBED -> s.email() + " is unsubscribed" + (s.unsubscribedAt() == null ? "" : " since " + DAY.format(s.unsubscribedAt()))
                    + ": we send it no mail.";
            case BOUNCED -> s.email() + " gets no mail: mail to it came back as undeliverable, so we stopped sending it.";
        };
    }

    /**
     * "on every topic", "on Robotics, control and embodied AI", "on 2 topics: Robotics, control and embodied AI;
     * Diffusion and generative models" (topic names hold commas and "and", so a list of them is split by semicolons).
     */
    String topics(List<String> slugs) {
        List<String> names = pages.topicNames(slugs);
        return names.isEmpty() ? "on every topic" : names.size() == 1 ? "on " + names.get(0)
                : "on " + names.size() + " topics: " + String.join("; ", names);
    }

    /** Adds the "Subscribe again" form with the reader's old choices (the form mails a confirmation link first). */
    static Map<String, Object> withSubscribeAgain(Map<String, Object> model, Subscriber s) {
        model.put("again", Map.of("email", s.email(), "topics", s.topics(), "frequency", s.frequency().key()));
        model.put("consentVersion", SubscriptionService.CONSENT_TEXT_VERSION);
        return model;
    }
}
