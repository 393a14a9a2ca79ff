package org.paperboy.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Builds the MIME message: one recipient, {@code multipart/alternative} with text/plain first
 * and text/html last (RFC 2046: the preferred part comes last), both quoted-printable so no line
 * exceeds 998 octets (RFC 5322 2.1.1), the subject RFC 2047-encoded when it is not ASCII, and
 * our own Message-ID so a retry carries the same one.
 */
final class MessageFactory {

    private final SmtpConfig config;
    private final Session session;

    MessageFactory(SmtpConfig config, Session session) {
        this.config = config;
        this.session = session;
    }

    SMTPMessage build(OutgoingMail mail) throws MessagingException {
        SMTPMessage message = new FixedIdMessage(session, mail.messageId());
        try {
            message.setFrom(new InternetAddress(config.fromAddress(), config.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        if (config.replyTo() != null) {
            message.setReplyTo(new InternetAddress[] {new InternetAddress(config.replyTo(), true)});
        }
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        for (Map.Entry<String, String> header : mail.headers().entrySet()) {
            // long list headers are folded (RFC 5322 2.2.3) so lines stay short
            message.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, header.getValue()));
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part(mail.text(), "plain"));
        if (mail.html() != null) {
            alternative.addBodyPart(part(mail.html(), "html"));
        }
        message.setContent(alternative);
        if (config.envelopeSender() != null) {
            message.setEnvelopeFrom(config.envelopeSender().replace("{verp}", mail.to().replace('@', '=')));
        }
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /** A message whose Message-ID is ours, not one Jakarta Mail makes up on save. */
    private static final class FixedIdMessage extends SMTPMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (id != null) {
                setHeader("Message-ID", "<" + id + ">");
            } else {
                super.updateMessageID();
            }
        }
    }
}
