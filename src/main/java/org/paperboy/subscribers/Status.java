package org.paperboy.subscribers;

import java.util.Locale;

/** Where a subscriber stands. Only {@link #CONFIRMED} readers are mailed digests. */
public enum Status {
    PENDING, CONFIRMED, UNSUBSCRIBED, BOUNCED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String value) {
        for (Status s : values()) {
            if (s.key().equalsIgnoreCase(value.strip())) {
                return s;
            }
        }
        throw new org.paperboy.PaperboyException("unknown status \"" + value + "\" (pending, confirmed, unsubscribed or bounced)");
    }
}
