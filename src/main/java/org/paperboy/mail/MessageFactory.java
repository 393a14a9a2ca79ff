package org.paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes a message's header lines, and hands the body over as its digest's encoding with the
 * reader's values spliced in: one recipient, {@code multipart/alternative}, our own Message-ID so
 * a retry carries the same one, the subject RFC 2047-encoded when it is not ASCII, long list
 * headers folded (RFC 5322 2.2.3). A header value that is not ASCII or would make a line longer
 * than 998 octets (RFC 5322 2.1.1) is refused rather than sent broken.
 */
final class MessageFactory {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    private static final int MAX_LINE = 998;

    private final SmtpConfig config;
    private final Session session;
    private final String fixedLines;
    private final java.util.function.Supplier<Verp> verp;

    MessageFactory(SmtpConfig config, Session session) {
        this(config, session, () -> null);
    }

    /** @param verp signs the envelope sender of a delivery; asked for on the first message (the secret may live in the database) */
    MessageFactory(SmtpConfig config, Session session, java.util.function.Supplier<Verp> verp) {
        this.config = config;
        this.session = session;
        this.verp = verp;
        try {
            String from = "From: " + MimeUtility.fold(6, new InternetAddress(config.fromAddress(), config.fromName(), "UTF-8").toString());
            String replyTo = config.replyTo() == null ? ""
                    : "Reply-To: " + MimeUtility.fold(10, new InternetAddress(config.replyTo(), true).toString()) + "\r\n";
            this.fixedLines = from + "\r\n" + replyTo;
        } catch (UnsupportedEncodingException | AddressException e) {
            throw new IllegalArgumentException("smtp.fromAddress or smtp.replyTo is not an address: " + e.getMessage(), e);
        }
    }

    /**
     * The message for Angus's SMTP transport, with the signed VERP envelope sender when one is configured;
     * {@code direct}, when not null, is the connection's own socket stream (with TLS, the TLS socket's) to write the data to;
     * {@code beforeAccept} is passed once the data is written, before the final dot.
     */
    SplicedMessage message(OutgoingMail mail, java.io.OutputStream direct, Mailer.Gate beforeAccept) throws MessagingException {
        SplicedMessage message = new SplicedMessage(session, headerLines(mail), mail.body(), direct, beforeAccept);
        if (config.envelopeSender() != null) {
            message.setEnvelopeFrom(Verp.envelopeSender(config.envelopeSender(), verp.get(), mail.messageId()));
        }
        return message;
    }

    /** The recipient, parsed strictly. */
    InternetAddress[] recipients(OutgoingMail mail) throws AddressException {
        return new InternetAddress[] {new InternetAddress(mail.to(), true)};
    }

    /** Writes the whole message, as an {@code .eml} file holds it. */
    void writeTo(OutgoingMail mail, OutputStream out) throws IOException, MessagingException {
        out.write(headerLines(mail));
        mail.body().writeTo(out, new Bytes(1024), false);
    }

    /** The message's header lines and the blank line that ends them. */
    byte[] headerLines(OutgoingMail mail) throws MessagingException {
        Bytes out = new Bytes(1024);
        line(out, "Date", ZonedDateTime.now().format(DATE));
        out.ascii(fixedLines);
        line(out, "To", recipients(mail)[0].toString());
        line(out, "Message-ID", "<" + (mail.messageId() != null ? mail.messageId() : UUID.randomUUID() + "@" + config.domain()) + ">");
        out.add(mail.body().encoded().subjectLine(mail.subject()));
        out.ascii("MIME-Version: 1.0\r\n");
        for (Map.Entry<String, String> header : new TreeMap<>(mail.headers()).entrySet()) {
            line(out, header.getKey(), MimeUtility.fold(header.getKey().length() + 2, header.getValue()));
        }
        out.ascii("Content-Type: multipart/alternative;\r\n\tboundary=\"" + mail.body().encoded().boundary() + "\"\r\n\r\n");
        return out.toArray();
    }

    /** Writes a header line; the only CRLFs allowed are the folds MimeUtility.fold put in, each followed by a space. */
    private static void line(Bytes out, String name, String value) throws MessagingException {
        int column = name.length() + 2;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' && i + 2 < value.length() && value.charAt(i + 1) == '\n'
                    && (value.charAt(i + 2) == ' ' || value.charAt(i + 2) == '\t')) {
                column = 0;
                i++;
                continue;
            }
            if (c >= 0x7f || (c < 0x20 && c != '\t')) {
                throw new MessagingException("the " + name + " header holds a character that is not printable ASCII: "
                        + value.replaceAll("\\p{Cntrl}", " "));
            }
            if (++column > MAX_LINE) {
                throw new MessagingException("the " + name + " header is longer than " + MAX_LINE + " characters");
            }
        }
        out.ascii(name);
        out.ascii(": ");
        out.ascii(value);
        out.crlf();
    }
}
