package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-recipient fields of an RFC 3464 delivery-status body: Final-Recipient,
 * Original-Recipient, Action, Status and Diagnostic-Code. Each recipient's fields are a block of
 * their own (RFC 3464 section 2.1); folded lines, missing blank lines between recipients and fields
 * in any order are tolerated, as real MTAs write them.
 */
final class DeliveryStatus {

    /** One recipient's fields. */
    static final class Fields {
        String finalRecipient;
        String originalRecipient;
        String action = "";
        String status;
        String diagnostic = "";
        /** The type of the Diagnostic-Code (SMTP, X-POSTFIX, X-UNIX), upper case, or "". */
        String spec = "";
        /** The Remote-MTA, lower case, or "". */
        String remoteMta = "";
    }

    private static final java.util.regex.Pattern LINES = java.util.regex.Pattern.compile("\\r?\\n|\\r");

    /** A field longer than this (a hostile report folding one field over many lines) is cut. */
    static final int MAX_FIELD = 4000;
    /** At most this many recipients are read from one report. */
    static final int MAX_RECIPIENTS = 500;

    private DeliveryStatus() {
    }

    static List<Fields> parse(String body) {
        List<Fields> recipients = new ArrayList<>();
        Fields current = null;
        for (String line : unfold(body)) {
            if (line.isBlank()) {
                current = null;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "final-recipient", "x-actual-recipient" -> {
                    if (name.startsWith("x-") && current != null && current.finalRecipient != null) {
                        continue;
                    }
                    if (current == null || current.finalRecipient != null) {
                        current = add(recipients);
                    }
                    current.finalRecipient = address(value);
                }
                case "original-recipient" -> {
                    if (current == null || current.originalRecipient != null) {
                        current = add(recipients);
                    }
                    current.originalRecipient = address(value);
                }
                case "action" -> { if (current != null) { current.action = value.toLowerCase(Locale.ROOT); } }
                case "status" -> { if (current != null) { current.status = Reasons.statusIn(value); } }
                case "diagnostic-code" -> {
                    if (current != null) {
                        current.diagnostic = withoutType(value);
                        int semicolon = value.indexOf(';');
                        current.spec = semicolon > 0 && semicolon < 12 ? value.substring(0, semicolon).strip().toUpperCase(Locale.ROOT) : "";
                    }
                }
                case "remote-mta" -> { if (current != null) { current.remoteMta = withoutType(value).toLowerCase(Locale.ROOT); } }
                default -> { }
            }
        }
        recipients.removeIf(f -> f.finalRecipient == null && f.originalRecipient == null);
        return recipients;
    }

    private static Fields add(List<Fields> recipients) {
        Fields f = new Fields();
        if (recipients.size() < MAX_RECIPIENTS) {
            recipients.add(f);
        }
        return f;
    }

    /** {@code rfc822; <user@example.org>} becomes {@code user@example.org}; null if it holds no address. */
    private static String address(String value) {
        String found = Addresses.first(withoutType(value));
        if (found != null) {
            return found;
        }
        String token = withoutType(value).replaceAll("[<>\"\\s]", "");
        return token.indexOf('@') > 0 && token.length() <= 254 ? Addresses.clean(token) : null;
    }

    private static String withoutType(String value) {
        int semicolon = value.indexOf(';');
        return semicolon >= 0 && semicolon < 12 ? value.substring(semicolon + 1).strip() : value;
    }

    private static List<String> unfold(String body) {
        List<String> lines = new ArrayList<>();
        for (String line : LINES.split(body)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !lines.isEmpty()) {
                String last = lines.get(lines.size() - 1);
                if (last.length() < MAX_FIELD) {
                    lines.set(lines.size() - 1, last + " " + line.strip());
                }
            } else {
                lines.add(line);
            }
        }
        return lines;
    }
}
