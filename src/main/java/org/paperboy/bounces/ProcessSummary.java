package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one {@code bounces process} run did, for its one-line summary. */
public final class ProcessSummary {

    int mails;
    int repeated;
    int unmatched;
    int unverified;
    int bounced;
    int unsubscribed;
    int mailedUnsubscribes;
    final Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    final List<String> unreadable = new ArrayList<>();

    void count(BounceEvents.Event e, BounceEvents.Effect effect) {
        if (effect == BounceEvents.Effect.ALREADY_RECORDED) {
            return;
        }
        if (e.kind().equals("unsubscribe")) {
            mailedUnsubscribes++;
        } else {
            kinds.merge(Kind.valueOf(e.kind().toUpperCase(java.util.Locale.ROOT)), 1, Integer::sum);
        }
        if (e.matchedBy().equals("unverified")) {
            unverified++;
        } else if (e.subscriberId() == null && !e.recipient().isEmpty()) {
            unmatched++;
        }
        bounced += effect == BounceEvents.Effect.BOUNCED ? 1 : 0;
        unsubscribed += effect == BounceEvents.Effect.UNSUBSCRIBED ? 1 : 0;
    }

    public int mails() {
        return mails;
    }

    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** Reports that named a reader but were not proven to be about a message we sent them: nothing changed. */
    public int unverified() {
        return unverified;
    }

    public int bounced() {
        return bounced;
    }

    public int unsubscribed() {
        return unsubscribed;
    }

    /** e.g. {@code 12 mails: 3 hard, 2 soft, 1 complaint, ...; 2 readers bounced, 1 unsubscribed; 1 unverified (not proven ours, ignored); 1 unmatched; 0 repeated; 0 unreadable} */
    public String line() {
        StringBuilder s = new StringBuilder().append(mails).append(mails == 1 ? " mail: " : " mails: ");
        for (Kind k : Kind.values()) {
            s.append(kinds.getOrDefault(k, 0)).append(' ').append(k.label()).append(", ");
        }
        s.append(mailedUnsubscribes).append(" mailed unsubscribe; ").append(bounced).append(" readers bounced, ")
                .append(unsubscribed).append(" unsubscribed; ").append(unverified).append(" unverified (not proven ours, ignored); ")
                .append(unmatched).append(" unmatched; ")
                .append(repeated).append(" already processed; ").append(unreadable.size()).append(" unreadable kept");
        if (!unreadable.isEmpty()) {
            s.append(" (").append(String.join(", ", unreadable.subList(0, Math.min(5, unreadable.size()))))
                    .append(unreadable.size() > 5 ? ", ..." : "").append(')');
        }
        return s.toString();
    }
}
