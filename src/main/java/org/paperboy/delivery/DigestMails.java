package org.paperboy.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.paperboy.digest.RenderCache;
import org.paperboy.digest.RenderedDigest;
import org.paperboy.mail.EncodedDigest;
import org.paperboy.mail.MailBody;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.ranking.Digest;
import org.paperboy.subscribers.SubscriptionService;

/**
 * Turns a reader's digest into the message sent to them: rendered and MIME-encoded once per distinct
 * digest, the reader's address and links spliced into the encoded bytes, and the list headers mail
 * clients show an unsubscribe button for: List-Id (RFC 2919), List-Unsubscribe with
 * List-Unsubscribe-Post (RFC 2369, RFC 8058).
 */
final class DigestMails {

    private final RenderCache renders;
    private final SubscriptionService subscriptions;
    private final SmtpConfig smtp;
    private final String listId;
    /** Each distinct digest encoded once, its reader slots kept; keyed by the rendered digest itself, as many as the renders kept. */
    private final Map<RenderedDigest, EncodedDigest> encodings = new ConcurrentHashMap<>();

    DigestMails(RenderCache renders, SubscriptionService subscriptions, SmtpConfig smtp, String listName) {
        this.renders = renders;
        this.subscriptions = subscriptions;
        this.smtp = smtp;
        this.listId = "\"" + listName.replaceAll("[\"\\\\\\p{Cntrl}]", "") + "\" <digest." + smtp.domain() + ">";
    }

    OutgoingMail mail(OutboxRow row, Digest digest) {
        String unsubscribe = subscriptions.unsubscribeUrl(row.subscriberId());
        long started = System.nanoTime();
        RenderedDigest rendered = renders.render(digest);
        long renderedAt = System.nanoTime();
        if (encodings.size() >= RenderCache.MAX_KEPT) {
            encodings.clear();
        }
        EncodedDigest encoded = encodings.computeIfAbsent(rendered, EncodedDigest::of);
        Timings.add("render", renderedAt - started);
        Timings.add("encode", System.nanoTime() - renderedAt);
        long reader = row.subscriberId();
        MailBody body = MailBody.spliced(encoded, rendered.values(row.email(), unsubscribe, subscriptions.preferencesUrl(reader),
                paperId -> subscriptions.voteToken(reader, paperId)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Id", listId);
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">, <mailto:unsubscribe@" + smtp.domain() + "?subject=unsubscribe%20"
                + subscriptions.unsubscribeToken(row.subscriberId()) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("X-Paperboy-Date", row.date().toString());
        return new OutgoingMail(row.email(), rendered.subject(), body, row.messageId(), headers);
    }
}
