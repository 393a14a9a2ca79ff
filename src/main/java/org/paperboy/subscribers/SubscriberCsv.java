package org.paperboy.subscribers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.paperboy.ranking.Preferences;

/**
 * The CSV form of a subscriber, shared by export and import so that one restores the other
 * exactly. Every cell of an imported row is checked here, lengths first, before any SQL sees it.
 */
final class SubscriberCsv {

    static final List<String> COLUMNS = List.of("email", "status", "frequency", "topics", "keywords", "created_at",
            "confirmed_at", "unsubscribed_at", "unsubscribe_reason", "hard_bounces", "consent_at", "consent_source",
            "consent_ip", "consent_user_agent", "consent_text_version", "votes");
    /** The longest cell anything is read from; the database's widest subscriber column holds 1,000 characters. */
    static final int MAX_CELL = 1000;
    static final int MAX_KEYWORD = 60;
    /** The votes cell holds up to {@link Votes#MAX_USED} votes as JSON, titles included. */
    static final int MAX_VOTES_CELL = 400_000;
    private static final Map<String, Integer> MAX_LENGTH = Map.of("consent_source", 16, "consent_ip", 64,
            "consent_user_agent", 512, "consent_text_version", 32, "topics", 1000, "keywords", 1000);

    /** A cell that cannot be used; the message names the column and what is wrong. */
    static final class BadCell extends RuntimeException {
        BadCell(String message) {
            super(message, null, false, false);
        }
    }

    private SubscriberCsv() {
    }

    static List<String> cells(Subscriber s, List<Votes.Vote> votes) {
        Consent c = s.consent();
        return Arrays.asList(s.email(), s.status().key(), s.frequency().key(), String.join(";", s.topics()),
                String.join(";", s.keywords()), text(s.createdAt()), text(s.confirmedAt()), text(s.unsubscribedAt()),
                s.unsubscribeReason() == null ? "" : s.unsubscribeReason().key(), String.valueOf(s.hardBounces()),
                text(c.at()), c.source(), orEmpty(c.ip()), orEmpty(c.userAgent()), c.textVersion(), VoteCells.write(votes));
    }

    /** What an import uses when a row leaves something out. */
    record Defaults(Status status, Set<String> topics, Instant now, String textVersion) {
    }

    /** The subscriber a row describes, filled in from the defaults where it is silent. */
    static Subscriber parse(Map<String, String> row, Defaults defaults) {
        row.forEach((column, value) -> {
            if (column.equals("votes")) {
                if (value.length() > MAX_VOTES_CELL) {
                    throw new BadCell("votes is " + value.length() + " characters long, at most " + MAX_VOTES_CELL);
                }
            } else if (value.length() > MAX_CELL) {
                throw new BadCell(column + " is " + value.length() + " characters long, at most " + MAX_CELL);
            }
            Integer max = MAX_LENGTH.get(column);
            if (max != null && value.length() > max) {
                throw new BadCell(column + " is " + value.length() + " characters long, at most " + max);
            }
        });
        String email = EmailAddress.normalise(row.getOrDefault("email", ""));
        String given = row.getOrDefault("status", "");
        if (given.isBlank() && defaults.status() == null) {
            throw new BadCell("status is empty and no --status was given");
        }
        Status status = given.isBlank() ? defaults.status() : parse("status", given, Status::parse);
        Frequency frequency = blank(row, "frequency") ? Frequency.DAILY : parse("frequency", row.get("frequency"), Frequency::parse);
        Preferences preferences = Preferences.of(topics(row, defaults.topics()), keywords(row));
        Instant consentAt = instant(row, "consent_at", defaults.now());
        String source = blank(row, "consent_source") ? (given.isBlank() ? "import:" + status.key() : "import")
                : row.get("consent_source").strip();
        Consent consent = new Consent(source, value(row, "consent_ip"), value(row, "consent_user_agent"),
                blank(row, "consent_text_version") ? defaults.textVersion() : row.get("consent_text_version").strip(), consentAt);
        Instant confirmedAt = instant(row, "confirmed_at", status == Status.CONFIRMED ? consentAt : null);
        boolean left = status == Status.UNSUBSCRIBED;
        UnsubscribeReason reason = blank(row, "unsubscribe_reason") ? (left ? UnsubscribeReason.IMPORT : null)
                : parse("unsubscribe_reason", row.get("unsubscribe_reason"), UnsubscribeReason::parse);
        return new Subscriber(0, email, status, preferences, frequency, instant(row, "created_at", consentAt), confirmedAt,
                instant(row, "unsubscribed_at", left ? defaults.now() : null), reason, bounces(row), consent);
    }

    private static List<String> topics(Map<String, String> row, Set<String> known) {
        List<String> topics = list(row, "topics");
        for (String topic : topics) {
            if (!known.contains(topic.toLowerCase(Locale.ROOT))) {
                throw new BadCell("unknown topic \"" + topic + "\"");
            }
        }
        return topics;
    }

    private static List<String> keywords(Map<String, String> row) {
        List<String> keywords = list(row, "keywords");
        for (String keyword : keywords) {
            if (keyword.length() > MAX_KEYWORD) {
                throw new BadCell("keyword \"" + keyword.substring(0, 20) + "…\" is longer than " + MAX_KEYWORD + " characters");
            }
        }
        return keywords;
    }

    private static List<String> list(Map<String, String> row, String column) {
        List<String> values = new ArrayList<>();
        if (!blank(row, column)) {
            for (String v : row.get(column).split("[;,]")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
        }
        return values;
    }

    private static int bounces(Map<String, String> row) {
        if (blank(row, "hard_bounces")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(row.get("hard_bounces").strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadCell("hard_bounces \"" + row.get("hard_bounces") + "\" is not a whole number of at least 0");
    }

    private static Instant instant(Map<String, String> row, String column, Instant fallback) {
        if (blank(row, column)) {
            return fallback;
        }
        try {
            return Instant.parse(row.get(column).strip());
        } catch (DateTimeParseException e) {
            throw new BadCell(column + " \"" + row.get(column) + "\" is not a UTC time such as 2026-11-20T08:00:00Z");
        }
    }

    private static <T> T parse(String column, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new BadCell(column + ": " + e.getMessage());
        }
    }

    private static boolean blank(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null || v.isBlank();
    }

    private static String value(Map<String, String> row, String column) {
        return blank(row, column) ? null : row.get(column).strip();
    }

    private static String text(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The values of a record by lower-cased column name; missing cells are absent. */
    static Map<String, String> byColumn(CSVRecord record, Map<String, String> columns) {
        Map<String, String> row = new java.util.HashMap<>();
        columns.forEach((header, column) -> {
            if (record.isSet(header)) {
                row.put(column, record.get(header));
            }
        });
        return row;
    }
}
