package org.paperboy.bounces;

import java.util.Locale;

/** What a returned mail means for its reader, after Sisimai's reason taxonomy. */
public enum Kind {
    /** The address or its domain does not exist, or the mailbox has moved: bounced at once. */
    HARD,
    /** A failure that may pass (full mailbox, blocked, filtered, expired or still delayed, ...): counted against a threshold. */
    SOFT,
    /** A feedback report (RFC 5965): the reader is unsubscribed at once. */
    COMPLAINT,
    /** An automatic reply (RFC 3834): recorded, nothing changes. */
    AUTOREPLY,
    /** Nothing to act on: delivered, relayed or expanded notices, feedback that is no complaint, and mail that is no report. */
    NONE;

    /** The lower-case name used in JSON and the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
