package org.paperboy.subscribers;

import java.util.Locale;

/** How often a reader gets the digest: every scheduled day, or once a week on the configured weekday. */
public enum Frequency {
    DAILY, WEEKLY;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Frequency parse(String value) {
        for (Frequency f : values()) {
            if (f.key().equalsIgnoreCase(value.strip())) {
                return f;
            }
        }
        throw new org.paperboy.PaperboyException("unknown frequency \"" + value + "\" (daily or weekly)");
    }
}
