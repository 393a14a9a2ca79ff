package org.paperboy.ranking;

import java.util.Set;

/**
 * Which papers a subscriber has already been sent, so the next digest leaves them out. Delivery
 * records what it sends and implements this over its outbox; tests use {@link InMemorySentHistory}.
 */
public interface SentHistory {

    SentHistory NONE = subscriber -> Set.of();

    /** The ids of the papers already sent to this subscriber, before the digest being built. */
    Set<String> sentTo(String subscriber);
}
