package org.paperboy.bounces;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail to the List-Unsubscribe {@code mailto:} address (RFC 2369): {@code unsubscribe+TOKEN@…}, or
 * {@code unsubscribe@…} with the token in the subject ({@code unsubscribe TOKEN}, as the digest's
 * header asks). The token is the reader's signed unsubscribe token; one that is missing, forged
 * or for another purpose changes nothing.
 */
final class MailedUnsubscribes {

    private static final Pattern TOKEN = Pattern.compile("(?i)\\bunsubscribe[ +:]+([0-9]{1,19}\\.[A-Za-z0-9_-]{8,60})\\b");

    private final Function<String, OptionalLong> verify;

    MailedUnsubscribes(Function<String, OptionalLong> verify) {
        this.verify = verify;
    }

    /** The events of a mailed unsubscribe, or none when the mail is not one. */
    List<BounceEvents.Event> events(ReturnedMail mail, byte[] raw, String key, Instant at) {
        String toUnsubscribe = mail.addressedTo().stream()
                .filter(a -> a.toLowerCase(Locale.ROOT).startsWith("unsubscribe+") || a.toLowerCase(Locale.ROOT).startsWith("unsubscribe@"))
                .findFirst().orElse(null);
        if (toUnsubscribe == null) {
            return List.of();
        }
        String token = token(topHeaders(raw));
        if (token == null) {
            token = token(BounceParser.subject(raw));
        }
        OptionalLong reader = token == null ? OptionalLong.empty() : verify.apply(token);
        Long id = reader.isPresent() ? reader.getAsLong() : null;
        return List.of(new BounceEvents.Event(key, toUnsubscribe, at, id, id == null ? "unmatched" : "token", "unsubscribe", null,
                "unsubscribe", id == null ? "no valid unsubscribe token" : "mailed unsubscribe", null, null));
    }

    /** The mail's own header block, in its original case: tokens are case-sensitive. */
    private static String topHeaders(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, 65536), java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        end = end < 0 ? text.indexOf("\n\n") : end;
        String headers = end < 0 ? text : text.substring(0, end);
        StringBuilder to = new StringBuilder();
        for (String line : headers.replaceAll("\r?\n[ \t]+", " ").split("\r?\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("to:") || lower.startsWith("delivered-to:") || lower.startsWith("x-original-to:")) {
                to.append(line).append('\n');
            }
        }
        return to.toString();
    }

    private static String token(String text) {
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }
}
