package org.paperboy.mail;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.subscribers.Tokens;

/**
 * The signed VERP envelope sender: {@code {verp}} in {@code smtp.envelopeSender} becomes
 * {@code <reader id>-<yyyymmdd>-<signature>}, e.g. {@code bounces+1234-20261207-k3j5h2m4q7ab@example.org}.
 * It names one delivery (the outbox row of that date and reader), and the signature (60 bits of an
 * HMAC keyed by the token secret) proves we made it: an address without a valid signature, or the
 * older unsigned {@code bounces+alice=example.org@…}, names nobody. The reader's address is not in it,
 * so the local part stays short (RFC 5321 allows 64 octets) and a returned mail does not leak it.
 * Mail that is no delivery (a confirmation, a test mail) is sent from {@code {verp}} = {@code none}.
 */
public final class Verp {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern SIGNED = Pattern.compile("(\\d{1,18})-(\\d{8})-([a-z2-7]{12})");

    private final String prefix;
    private final String suffix;
    private final Tokens tokens;

    /** @param envelopeSender smtp.envelopeSender, with or without {@code {verp}}; null when unset */
    public Verp(String envelopeSender, Tokens tokens) {
        int at = envelopeSender == null ? -1 : envelopeSender.indexOf("{verp}");
        this.prefix = at < 0 ? null : envelopeSender.substring(0, at);
        this.suffix = at < 0 ? null : envelopeSender.substring(at + "{verp}".length());
        this.tokens = tokens;
    }

    /** The envelope sender of a message with this Message-ID: signed when it is a delivery's, {@code none} otherwise. */
    static String envelopeSender(String template, Verp verp, String messageId) {
        if (template == null || !template.contains("{verp}")) {
            return template;
        }
        Optional<MessageIds.Row> row = MessageIds.parse(messageId);
        String local = row.isPresent() && verp != null ? verp.sign(row.get()) : "none";
        return template.replace("{verp}", local);
    }

    private String sign(MessageIds.Row row) {
        String delivery = row.subscriberId() + "-" + row.date().format(DAY);
        return delivery + "-" + tokens.bounceSignature(delivery);
    }

    /** The delivery a returned mail's address names, when it is one of ours with a valid signature. */
    public Optional<MessageIds.Row> read(String address) {
        if (prefix == null || address == null) {
            return Optional.empty();
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        String p = prefix.toLowerCase(Locale.ROOT);
        String s = suffix.toLowerCase(Locale.ROOT);
        int start = p.isEmpty() ? 0 : a.indexOf(p);
        if (start > 0) {
            a = a.substring(start); // e.g. "=3c" glued to the front by quoted-printable text
        }
        if (a.length() > 254 || !a.startsWith(p) || !a.endsWith(s) || a.length() <= p.length() + s.length()) {
            return Optional.empty();
        }
        Matcher m = SIGNED.matcher(a.substring(p.length(), a.length() - s.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        String delivery = m.group(1) + "-" + m.group(2);
        byte[] expected = tokens.bounceSignature(delivery).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MessageIds.Row(LocalDate.parse(m.group(2), DAY), Long.parseLong(m.group(1))));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
