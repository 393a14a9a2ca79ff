package org.paperboy.subscribers;

import java.util.Locale;

/**
 * Why a reader left, kept with the row so an export, an audit or a later import knows: a
 * complaint (a spam report) must never be mailed again, whatever a file says.
 */
public enum UnsubscribeReason {
    /** the unsubscribe page of a mailed link */
    USER,
    /** an RFC 8058 one-click POST from the mail client */
    ONE_CLICK,
    /** a spam complaint (feedback loop, ARF report) */
    COMPLAINT,
    /** a mail to the List-Unsubscribe mailto address */
    MAILED,
    /** the operator, with {@code paperboy unsubscribe} */
    ADMIN,
    /** a row imported as unsubscribed without a reason of its own */
    IMPORT,
    /** the reader asked to be forgotten ({@code subscribers forget}): only a hash of the address is kept */
    FORGOTTEN;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static UnsubscribeReason parse(String value) {
        for (UnsubscribeReason r : values()) {
            if (r.key().equalsIgnoreCase(value.strip())) {
                return r;
            }
        }
        throw new org.paperboy.PaperboyException("unknown unsubscribe reason \"" + value
                + "\" (user, one-click, complaint, mailed, admin, import or forgotten)");
    }
}
