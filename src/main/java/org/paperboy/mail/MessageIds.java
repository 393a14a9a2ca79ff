package org.paperboy.mail;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-ID a (date, reader) is always sent with: {@code pb.<yyyymmdd>.<reader id>.<random>@<domain>}.
 * The date-and-reader prefix keeps the ids of a date in reader order and lets a bounce that quotes
 * one find its outbox row by primary key (so the outbox needs no index of Message-IDs); the random
 * part keeps it unguessable, so a forged bounce cannot name a reader by its Message-ID.
 */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern OURS = Pattern.compile("<?pb\\.(\\d{8})\\.(\\d{1,18})\\.[0-9a-f]{1,16}@[^>\\s]+>?");

    /** Which outbox row a Message-ID names: its date and reader. */
    public record Row(LocalDate date, long subscriberId) {
    }

    private MessageIds() {
    }

    public static String create(LocalDate date, long subscriberId, String domain) {
        return "pb." + date.format(DAY) + "." + subscriberId + "." + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + "@" + domain;
    }

    /** The outbox row a Message-ID of ours names, with or without its angle brackets; empty for any other id. */
    public static Optional<Row> parse(String messageId) {
        Matcher m = messageId == null ? null : OURS.matcher(messageId.trim());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Row(LocalDate.parse(m.group(1), DAY), Long.parseLong(m.group(2))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
