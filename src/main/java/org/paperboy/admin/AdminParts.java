package org.paperboy.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.paperboy.delivery.DigestCopy;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.stats.Stats;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.subscribers.SubscriberStore;
import org.paperboy.subscribers.SubscriptionService;

/**
 * What the admin pages work with, wired by the application.
 *
 * @param resend sends a reader their digest of a date again (a {@link DigestCopy} with the day's rankings)
 * @param topics the taxonomy's topic slugs, which the reader list filters on
 */
public record AdminParts(Stats stats, SubscriberStore subscribers, SubscriptionService subscriptions, DigestCopy copies,
                         Resend resend, DigestRenderer renderer, String listName, String publicBaseUrl, List<String> topics) {

    public AdminParts {
        topics = List.copyOf(topics);
    }

    /** Sends one reader their digest of a date again. */
    @FunctionalInterface
    public interface Resend {
        DigestCopy.Sent send(Subscriber reader, LocalDate date);
    }

    Optional<LocalDate> latestDigest(long subscriberId) {
        return copies.latest(subscriberId);
    }
}
