package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failed recipients in the human-readable text of a bounce, for the MTAs that write them only
 * there (qmail, Exim, Postfix's text part, old Sendmail, Exchange, Gmail, Yahoo, OpenSMTPD, Domino, ...).
 * Each names the failed address on a line of its own or at the start of a line, followed by the
 * remote server's answer; the text stops where the copy of the original message begins.
 */
final class TextBounces {

    /** A failed recipient and the lines that speak about it. */
    record Found(String recipient, String block) {
    }

    private static final String A = Addresses.ADDR;
    private static final List<Pattern> RECIPIENT_LINES = List.of(
            Pattern.compile("^\\s*[\"'(]?<?(" + A + ")>?[\"')]?\\s*[:.,]?\\s*$"),             // alone on its line (Exim, Gmail, Sendmail, Exchange)
            Pattern.compile("^\\s*<(" + A + ")>\\s*(?::|\\.\\.\\.|\\(|$)"),                   // <addr>: ... (Postfix, qmail, Yahoo)
            Pattern.compile("^\\s*(" + A + ")\\s*(?::\\s|\\.\\.\\.|\\(|<mailto:|\\s+on\\s)"), // addr: 550 ... (OpenSMTPD), addr on date (Exchange)
            Pattern.compile("(?i)^\\s*(?:final|original)-recipient:\\s*rfc822;\\s*<?(" + A + ")"),
            Pattern.compile("(?i)^\\s*(?:failed|unknown|invalid|bad) (?:recipient|address|user)s?:?\\s*<?(" + A + ")"),
            Pattern.compile("(?i)^\\s*(?:recipient|address|original recipient|rcpt):?\\s*<?(" + A + ")>?\\s*$"),
            Pattern.compile("^\\s*(?:>>>|\\*)\\s*<?(" + A + ")>?"),                          // Active!Hunter, X3: >>> addr, * addr
            Pattern.compile("^\\s*[45]\\d\\d[ -]<(" + A + ")>\\.\\.\\."),                   // Sendmail transcript: 554 <addr>...
            Pattern.compile("^\\s*(" + A + ")\\s+\\S"),                                       // addr Invalid Address (Zoho)
            // the prefixes of Sisimai's RFC 3464 fallback reader (re_addr)
            Pattern.compile("(?i)(?:addressed to|could not be delivered to:|delivered to|delivery failed:|did not reach the following "
                    + "recipient:|error-for:|failed recipient:|failed to deliver to|intended recipient:|mailbox is full:|rcpt to:|"
                    + "rejected recipient|the following message to|unknown user:|undeliverable to|undeliverable address:|you sent mail to|"
                    + "your message to|invalid final delivery userid:|recipient:|unable to deliver message to:?|\\d+ errors?\\(s\\):|errors:)"
                    + "[ \\t]*['\"]?<?(" + A + ")"),
            Pattern.compile("^  RCPT TO: (" + A + ")\\s*$"),                                   // Apache James
            Pattern.compile("[<>]{3}[ \\t]+.*<(" + A + ")>"),                                    // InterScan MSS: Sent <<< RCPT TO:<addr>
            Pattern.compile("^\\S+ [^:]+:[ \\t]*<?(" + A + ")>?\\s*$"));                             // IMail: user not found: addr
    private static final Pattern RCPT_TO = Pattern.compile("(?i)RCPT TO:\\s*<(" + A + ")>");
    private static final Pattern COPY_STARTS = Pattern.compile("(?im)^(?:[ \\t]*-{2,}[ \\t]*(?:original message|this is a copy|"
            + "below this line is a copy|undelivered message|returned message|original message follows|message header|"
            + "the original message|header of (?:the )?original|unsent message|copy of (?:the )?message)|[ \\t]*-{2,} ?Original|"
            + "Content-Type: message/rfc822|[ \\t]*-{3,}[ \\t]*Below this line|Received: from |Return-Path: )");
    private static final int BLOCK_LINES = 12;
    /** Lines are read up to this length: the patterns then cost at most that much, whatever a hostile mail holds. */
    private static final int MAX_LINE = 1000;
    /** At most this many recipients are taken from a text. */
    private static final int MAX_FOUND = 500;
    private static final Pattern LINES = Pattern.compile("\\r?\\n|\\r");

    private TextBounces() {
    }

    /** The text before the quoted original message: where the MTA speaks. */
    static String ownText(String text) {
        Matcher m = COPY_STARTS.matcher(text);
        while (m.find()) {
            if (m.start() > 0) {
                return text.substring(0, m.start());
            }
        }
        return text;
    }

    /** The failed recipients in these texts, leaving out the given addresses (the sender, the bounce mailbox). */
    static List<Found> find(List<String> texts, Set<String> notRecipients) {
        Map<String, StringBuilder> blocks = new LinkedHashMap<>();
        for (String text : texts) {
            scan(LINES.split(ownText(text)), notRecipients, blocks);
        }
        if (blocks.isEmpty()) {
            for (String text : texts) {
                Matcher m = RCPT_TO.matcher(ownText(text));
                while (m.find()) {
                    String address = Addresses.clean(m.group(1));
                    if (usable(address, notRecipients)) {
                        blocks.computeIfAbsent(address, a -> new StringBuilder()).append(lineAround(text, m.start())).append(' ');
                    }
                }
            }
        }
        List<Found> found = new ArrayList<>();
        blocks.forEach((address, block) -> found.add(new Found(address, block.toString())));
        return found;
    }

    private static void scan(String[] lines, Set<String> notRecipients, Map<String, StringBuilder> blocks) {
        for (int i = 0; i < lines.length; i++) {
            String address = recipientOn(lines[i]);
            if (address == null || !usable(address, notRecipients)) {
                continue;
            }
            if (blocks.size() >= MAX_FOUND && !blocks.containsKey(address)) {
                return;
            }
            StringBuilder block = blocks.computeIfAbsent(address, a -> new StringBuilder());
            if (block.length() > DeliveryStatus.MAX_FIELD) {
                continue;
            }
            block.append(transcriptBefore(lines, i)).append(lines[i]).append('\n');
            for (int j = i + 1; j < lines.length && j <= i + BLOCK_LINES; j++) {
                String next = recipientOn(lines[j]);
                if (next != null && !next.equals(address) && usable(next, notRecipients)) {
                    break;
                }
                block.append(lines[j]).append('\n');
            }
        }
    }

    /**
     * The SMTP transcript lines just above a recipient line ({@code >>> DATA}, {@code <<< 550 ...}): old Sendmail
     * writes the command and the answer there and the address after them (Sisimai::Lhost::V5sendmail).
     */
    private static String transcriptBefore(String[] lines, int i) {
        int from = i;
        while (from > 0 && i - from < 6 && (lines[from - 1].startsWith(">>>") || lines[from - 1].startsWith("<<<"))) {
            from--;
        }
        StringBuilder transcript = new StringBuilder();
        for (int j = from; j < i; j++) {
            transcript.append(lines[j].length() > MAX_LINE ? lines[j].substring(0, MAX_LINE) : lines[j]).append('\n');
        }
        return transcript.toString();
    }

    private static String recipientOn(String whole) {
        String line = whole.length() > MAX_LINE ? whole.substring(0, MAX_LINE) : whole;
        for (Pattern p : RECIPIENT_LINES) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return Addresses.clean(m.group(1));
            }
        }
        return null;
    }

    private static boolean usable(String address, Set<String> notRecipients) {
        return !notRecipients.contains(address) && !Addresses.isDaemon(address);
    }

    private static String lineAround(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        int after = end < 0 ? text.length() : text.indexOf('\n', Math.min(text.length(), end + 1));
        return text.substring(start, after < 0 ? text.length() : after);
    }
}
