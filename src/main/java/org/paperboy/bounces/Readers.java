package org.paperboy.bounces;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.paperboy.mail.MessageIds;
import org.paperboy.mail.Verp;

/**
 * Which reader a returned mail may act on: only one it is provably about. A mail is tied to a
 * delivery of ours by a signed VERP address ({@link Verp}) or by a Message-ID of ours that the
 * outbox holds for that reader, wherever the mail carries them (its envelope and headers, the
 * returned message or its headers, an ARF's original, In-Reply-To or References). A report then
 * acts on the tied reader when it names that reader, or when it is the mail's only report about
 * its only tie (a forwarded address reported under its new name). Anything else is recorded
 * {@code unverified} (it names a reader, unproven) or {@code unmatched}, and changes nobody: a
 * stranger who names a reader, or lists forty, removes no one.
 */
final class Readers {

    /** At most this many addresses of each kind are looked at in one mail, so a hostile one costs little. */
    static final int MAX_CANDIDATES = 50;
    /** Only the first bytes are scanned: the headers and the returned message's headers come first. */
    static final int MAX_SCAN = 1 << 20;

    /** A reader found, how, and the delivery it is about (null when not proven). */
    record Match(Long subscriberId, String by, LocalDate date, String messageId) {
        static final Match NONE = new Match(null, "unmatched", null, null);
        static final Match UNVERIFIED = new Match(null, "unverified", null, null);
    }

    /** What the mail's bytes offer as proof, found before any database work. */
    record Candidates(List<MessageIds.Row> verp, List<String> messageIds) {
        static final Candidates NONE = new Candidates(List.of(), List.of());
    }

    /** A delivery of ours the mail is proven to be about. */
    record Tie(LocalDate date, long subscriberId, String emailKey, String messageId, String by) {
    }

    private final BounceEvents events;
    private final Verp verp;

    Readers(BounceEvents events, Verp verp) {
        this.events = events;
        this.verp = verp;
    }

    /** Every signed VERP address and Message-ID of ours in the mail, by a linear scan around each {@code @}. */
    Candidates candidates(byte[] raw, ReturnedMail mail) {
        Set<MessageIds.Row> rows = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        if (mail.originalMessageId() != null && MessageIds.parse(mail.originalMessageId()).isPresent()) {
            ids.add(mail.originalMessageId());
        }
        int end = Math.min(raw.length, MAX_SCAN);
        for (int at = 0; at < end && (rows.size() < MAX_CANDIDATES || ids.size() < MAX_CANDIDATES); at++) {
            if (raw[at] != '@') {
                continue;
            }
            int from = at;
            while (from > 0 && at - from < 64 && local(raw[from - 1])) {
                from--;
            }
            int to = at + 1;
            while (to < end && to - at < 255 && domain(raw[to])) {
                to++;
            }
            int stop = to;
            while (stop > at + 1 && raw[stop - 1] == '.') {
                stop--;
            }
            if (from == at || stop == at + 1) {
                continue;
            }
            String address = new String(raw, from, stop - from, java.nio.charset.StandardCharsets.ISO_8859_1);
            Optional<MessageIds.Row> signed = rows.size() < MAX_CANDIDATES ? verp.read(address) : Optional.empty();
            if (signed.isPresent()) {
                rows.add(signed.get());
            } else if (ids.size() < MAX_CANDIDATES) {
                // quoted-printable text may glue "=3C" to the id's front
                int pb = address.lastIndexOf("pb.");
                String id = pb > 0 ? address.substring(pb) : address;
                if (MessageIds.parse(id).isPresent()) {
                    ids.add(id);
                }
            }
        }
        return new Candidates(List.copyOf(rows), List.copyOf(ids));
    }

    /** The deliveries of ours the candidates prove: signed VERP first, then Message-IDs the outbox holds for their reader. */
    List<Tie> ties(Connection c, Candidates candidates) throws SQLException {
        List<Tie> ties = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (MessageIds.Row row : candidates.verp()) {
            Optional<String> key = events.emailKey(c, row.subscriberId());
            if (key.isPresent() && seen.add(row.date() + "/" + row.subscriberId())) {
                ties.add(new Tie(row.date(), row.subscriberId(), key.get(), events.messageId(c, row).orElse(null), "verp"));
            }
        }
        for (String id : candidates.messageIds()) {
            MessageIds.Row row = MessageIds.parse(id).orElseThrow();
            OptionalLong reader = events.subscriberByMessageId(c, id);
            Optional<String> key = reader.isPresent() ? events.emailKey(c, reader.getAsLong()) : Optional.empty();
            if (key.isPresent() && seen.add(row.date() + "/" + row.subscriberId())) {
                ties.add(new Tie(row.date(), row.subscriberId(), key.get(), id, "message-id"));
            }
        }
        return ties;
    }

    /** The reader one report may act on, given the mail's proven ties; unverified or unmatched when none. */
    Match match(Connection c, List<Tie> ties, ReturnedMail mail, Report report) throws SQLException {
        for (Tie tie : ties) {
            if (names(report, tie.emailKey())) {
                return new Match(tie.subscriberId(), tie.by(), tie.date(), tie.messageId());
            }
        }
        if (ties.size() == 1 && mail.reports().size() == 1) {
            Tie tie = ties.get(0);
            return new Match(tie.subscriberId(), tie.by(), tie.date(), tie.messageId());
        }
        for (String address : java.util.Arrays.asList(report.originalRecipient(), report.recipient())) {
            if (address != null && events.subscriberByAddress(c, address).isPresent()) {
                return Match.UNVERIFIED;
            }
        }
        return Match.NONE;
    }

    private static boolean names(Report report, String emailKey) {
        for (String address : java.util.Arrays.asList(report.originalRecipient(), report.recipient())) {
            if (address != null && address.strip().toLowerCase(Locale.ROOT).equals(emailKey)) {
                return true;
            }
        }
        return false;
    }

    private static boolean local(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '_' || b == '%' || b == '+'
                || b == '=' || b == '-';
    }

    private static boolean domain(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '-';
    }
}
