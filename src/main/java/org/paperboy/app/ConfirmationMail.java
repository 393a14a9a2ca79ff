package org.paperboy.app;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.Email;
import org.paperboy.digest.EmailConfig;
import org.paperboy.mail.DeliveryException;
import org.paperboy.mail.Mailer;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.ranking.Taxonomy;
import org.paperboy.ranking.Topic;
import org.paperboy.subscribers.ConfirmationSender;
import org.paperboy.subscribers.Subscriber;

/**
 * The double opt-in mail, from the templates {@code confirm.html.ftlh} and {@code confirm.txt.ftl}; its
 * Message-ID is the queued mail's key at {@code smtp.domain}, the same on every try.
 */
final class ConfirmationMail implements ConfirmationSender {

    private final DigestRenderer renderer;
    private final Mailer mailer;
    private final EmailConfig email;
    private final SmtpConfig smtp;
    private final Taxonomy taxonomy;

    ConfirmationMail(DigestRenderer renderer, Mailer mailer, EmailConfig email, SmtpConfig smtp, Taxonomy taxonomy) {
        this.renderer = renderer;
        this.mailer = mailer;
        this.email = email;
        this.smtp = smtp;
        this.taxonomy = taxonomy;
    }

    @Override
    public void send(Subscriber subscriber, String confirmUrl, String messageKey) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("listName", email.listName());
        model.put("email", subscriber.email());
        model.put("confirmUrl", confirmUrl);
        model.put("topics", taxonomy.topics().stream().filter(t -> subscriber.topics().contains(t.slug())).map(Topic::name).toList());
        model.put("frequency", subscriber.frequency().key());
        model.put("senderName", email.senderName());
        model.put("postalAddress", email.postalAddress());
        Email mail = renderer.renderMail("confirm", "Confirm your subscription to " + email.listName(), model);
        try {
            mailer.send(new OutgoingMail(subscriber.email(), mail.subject(), mail.html(), mail.text(),
                    messageKey + "@" + smtp.domain(), Map.of("Auto-Submitted", "auto-generated")));
        } catch (DeliveryException e) {
            throw new NotSent(e.getMessage(), e.permanent(), e);
        }
    }
}
