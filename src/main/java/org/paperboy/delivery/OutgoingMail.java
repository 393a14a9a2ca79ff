package org.paperboy.delivery;

import java.util.Map;
import java.util.Objects;

/**
 * One message to one recipient, before it becomes MIME.
 *
 * @param messageId the Message-ID without angle brackets; kept and reused when a message is retried
 * @param headers   extra headers (List-Unsubscribe, ...); values are checked to hold no CR or LF
 */
public record OutgoingMail(String to, String subject, String html, String text, String messageId, Map<String, String> headers) {

    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        for (String value : new String[] {to, subject, messageId == null ? "" : messageId}) {
            requireOneLine(value);
        }
        headers.forEach((k, v) -> {
            requireOneLine(k);
            requireOneLine(v);
        });
    }

    private static void requireOneLine(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value holds a line break: " + value.replaceAll("[\\r\\n]", "\\\\n"));
        }
    }
}
