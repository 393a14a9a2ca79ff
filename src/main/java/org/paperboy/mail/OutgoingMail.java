package org.paperboy.mail;

import java.util.Map;
import java.util.Objects;

/**
 * One message to one recipient, before it is written out.
 *
 * @param body      the text and HTML parts: a digest encoded once with this reader's values, or two strings
 * @param messageId the Message-ID without angle brackets; kept and reused when a message is retried
 * @param headers   extra headers (List-Unsubscribe, ...); values are checked to hold no CR or LF
 */
public record OutgoingMail(String to, String subject, MailBody body, String messageId, Map<String, String> headers) {

    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        for (String value : new String[] {to, subject, messageId == null ? "" : messageId}) {
            requireOneLine(value);
        }
        headers.forEach((k, v) -> {
            requireOneLine(k);
            requireOneLine(v);
        });
    }

    /** A one-off mail from its two parts; {@code html} may be null. */
    public OutgoingMail(String to, String subject, String html, String text, String messageId, Map<String, String> headers) {
        this(to, subject, MailBody.of(html, Objects.requireNonNull(text, "text")), messageId, headers);
    }

    /** The text part as the reader reads it. */
    public String text() {
        return body.text();
    }

    /** The HTML part as the reader reads it, or null. */
    public String html() {
        return body.html();
    }

    private static void requireOneLine(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value holds a line break: " + value.replaceAll("[\\r\\n]", "\\\\n"));
        }
    }
}
