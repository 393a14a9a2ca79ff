package org.paperboy.bounces;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Who a returned mail is about, in the order of trust: the VERP envelope it came back to
 * ({@code bounces+alice=example.org@…}), then the Message-ID of our message it quotes (the outbox
 * keeps each one), then the recipient it reports. No match is recorded as unmatched, never guessed.
 */
final class Readers {

    /** A reader found, and how. */
    record Match(Long subscriberId, String by) {
        static final Match NONE = new Match(null, "unmatched");
    }

    private final BounceEvents events;
    private final String verpPrefix;
    private final String verpSuffix;

    /** @param envelopeSender smtp.envelopeSender, e.g. {@code bounces+{verp}@example.org}, or null */
    Readers(BounceEvents events, String envelopeSender) {
        this.events = events;
        int at = envelopeSender == null ? -1 : envelopeSender.indexOf("{verp}");
        this.verpPrefix = at < 0 ? null : envelopeSender.substring(0, at).toLowerCase(Locale.ROOT);
        this.verpSuffix = at < 0 ? null : envelopeSender.substring(at + "{verp}".length()).toLowerCase(Locale.ROOT);
    }

    Match match(Connection c, ReturnedMail mail, Report report) throws SQLException {
        for (String to : mail.addressedTo()) {
            String reader = verpReader(to);
            if (reader != null) {
                OptionalLong id = events.subscriberByAddress(c, reader);
                if (id.isPresent()) {
                    return new Match(id.getAsLong(), "verp");
                }
            }
        }
        if (mail.originalMessageId() != null) {
            OptionalLong id = events.subscriberByMessageId(c, mail.originalMessageId());
            if (id.isPresent()) {
                return new Match(id.getAsLong(), "message-id");
            }
        }
        for (String address : java.util.Arrays.asList(report.originalRecipient(), report.recipient())) {
            if (address != null) {
                OptionalLong id = events.subscriberByAddress(c, address);
                if (id.isPresent()) {
                    return new Match(id.getAsLong(), "recipient");
                }
            }
        }
        return Match.NONE;
    }

    /** The reader's address in a VERP envelope address, or null when it is none of ours. */
    String verpReader(String address) {
        if (verpPrefix == null) {
            return null;
        }
        String a = address.toLowerCase(Locale.ROOT);
        if (!a.startsWith(verpPrefix) || !a.endsWith(verpSuffix) || a.length() <= verpPrefix.length() + verpSuffix.length()) {
            return null;
        }
        String middle = a.substring(verpPrefix.length(), a.length() - verpSuffix.length());
        int eq = middle.lastIndexOf('=');
        return eq <= 0 || eq == middle.length() - 1 ? null : middle.substring(0, eq) + "@" + middle.substring(eq + 1);
    }
}
