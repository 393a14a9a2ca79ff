package org.paperboy.app;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.paperboy.PaperboyException;
import org.paperboy.digest.Email;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Ranker;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Subscriber;

/**
 * {@code send --test}: one copy of a day's digest, now, to the operator, outside the outbox: no
 * outbox row, no send history, any day (also one already sent). As a reader, it holds the papers
 * that reader's preferences choose, ignoring what they were sent before; its links lead to the
 * subscription page, so a reader's signed unsubscribe link never goes to another address.
 */
final class TestMail {

    private TestMail() {
    }

    /** The test message, or null when the day has no papers for it. */
    static OutgoingMail build(Paperboy paperboy, LocalDate day, List<String> sources, String to, Subscriber as) {
        Ranker ranker = as != null && as.frequency() == Frequency.WEEKLY ? paperboy.weeklyRanker(sources, day)
                : paperboy.ranker(sources, day);
        Digest digest = as == null ? ranker.general() : ranker.rank(as.preferences(), Set.of());
        if (digest.isEmpty()) {
            return null;
        }
        String home = paperboy.config().email().publicBaseUrl() + "/";
        Email email = paperboy.renderer().render(digest).fill(to, home, home);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Paperboy-Test", as == null ? "general digest" : "as " + as.email());
        headers.put("X-Paperboy-Date", day.toString());
        String messageId = "test." + UUID.randomUUID() + "@" + paperboy.config().smtp().domain();
        return new OutgoingMail(to, "[TEST] " + email.subject(), email.html(), email.text(), messageId, headers);
    }

    /** The reader a test copy stands for: any status, since previewing a pending reader's digest is fair. */
    static Subscriber reader(Paperboy paperboy, String email) {
        return paperboy.subscribers().find(email)
                .orElseThrow(() -> new PaperboyException("--as " + email + ": no such subscriber"));
    }
}
