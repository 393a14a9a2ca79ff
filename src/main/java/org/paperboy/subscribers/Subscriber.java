package org.paperboy.subscribers;

import java.time.Instant;
import java.util.List;
import org.paperboy.ranking.Preferences;

/**
 * A person on the list, everything an export carries. Rows are never deleted: an unsubscribed reader keeps their row, status
 * and time, so they are never mailed again.
 */
public record Subscriber(long id, String email, Status status, Preferences preferences, Frequency frequency,
                         Instant createdAt, Instant confirmedAt, Instant unsubscribedAt, UnsubscribeReason unsubscribeReason,
                         int hardBounces, Consent consent) {

    public Subscriber {
        EmailAddress.check(email);
    }

    public List<String> topics() {
        return preferences.topics();
    }

    public List<String> keywords() {
        return preferences.keywords();
    }
}
