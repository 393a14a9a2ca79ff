package org.paperboy.bounces;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a reader found about one recipient into a {@link Report}, the way Sisimai::Data->make does:
 * the status code in the server's words wins over a vaguer Status field, the SMTP command is taken from the
 * text when the reader did not find it, a few remote hosts have reasons of their own ({@link RemoteHosts}),
 * then {@link Reasons} decides the reason and whether it is hard or soft.
 */
final class Deliveries {

    private static final Pattern PRECISE_STATUS = Pattern.compile("[45]\\.[1-9]\\.[1-9]");
    private static final Pattern GMAIL_STATUS = Pattern.compile("[45]\\.[1-7]\\.[1-9]");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Set<String> COMMANDS = Set.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT");
    private static final List<Pattern> COMMAND_IN_TEXT = List.of(
            Pattern.compile("in reply to (?:end of )?([A-Z]{4})\\b[^)\\n]{0,40}command"),      // Postfix
            Pattern.compile(">>>\\s*([A-Z]{4})\\b|Sent\\s+<<<\\s+([A-Z]{4})\\b"),           // Sendmail transcript, InterScan
            Pattern.compile("(?:SMTP|LMTP) error (?:from remote (?:mail server|mailer) )?after (?:end of )?([A-Za-z]{4})"), // Exim
            Pattern.compile(" (RCPT|MAIL|DATA) +command\\b"),                                   // RFC 3464 (Sisimai)
            Pattern.compile("Connected to [^ ]+ but my name was (rejected)"),                        // qmail: EHLO
            Pattern.compile("Connected to [^ ]+ but (sender) was rejected|[^ ]+ does not like (recipient)\\.|failed after I sent the (message)"),
            Pattern.compile("most progress was ([A-Z]{4}) "),                                     // qmail
            Pattern.compile("\\[([A-Z]{4})[^\\]\\n]*\\]"),                                         // Yahoo: [RCPT_TO]
            Pattern.compile("(?m)^\\s*SMTP:([A-Z]{4})[ \\t]"),                                   // X3
            Pattern.compile("unknown recipient or mailbox unavailable ->.+@.+\\.[a-zA-Z]+()"),  // Office 365: RCPT
            Pattern.compile("(?:Server response to (MAIL) FROM:|Additional (RCPT) TO generated|(DATA) command generated response:)")); // IMail

    /** The words of qmail's messages (and Office 365's empty group, which is RCPT) as the command they name. */
    private static final java.util.Map<String, String> QMAIL_WORDS = java.util.Map.of("REJECTED", "EHLO", "SENDER", "MAIL",
            "RECIPIENT", "RCPT", "MESSAGE", "DATA", "END", "DATA");

    private Deliveries() {
    }

    /** The report for one delivery; {@code text} is the MTA's own words about it, searched for the SMTP command. */
    static Report report(Delivery d, String text) {
        normalise(d, text);
        String reason = d.reason;
        if (reason.isEmpty() || Reasons.RETRY.contains(reason)) {
            String byHost = RemoteHosts.reason(d);
            reason = byHost.isEmpty() ? Reasons.get(d) : byHost;
            reason = reason.isEmpty() ? "undefined" : reason;
        }
        Kind kind = Reasons.kindOf(reason, (d.status + " " + d.diagnosis).strip());
        return new Report(d.recipient, d.alias, kind, d.status.isEmpty() ? null : d.status, reason, d.diagnosis);
    }

    private static void normalise(Delivery d, String text) {
        d.diagnosis = d.diagnosis.strip();
        if (d.diagnosis.length() > ReasonTables.MAX_TEXT) {
            d.diagnosis = d.diagnosis.substring(0, ReasonTables.MAX_TEXT);
        }
        if (!d.diagnosis.isEmpty()) {
            String vs = Reasons.findStatus(d.diagnosis);
            boolean vague = d.status.isEmpty() || d.status.endsWith(".0.0");
            if (PRECISE_STATUS.matcher(vs).matches() || vague && !vs.isEmpty() && !vs.endsWith(".0.0") || d.status.isEmpty() && !vs.isEmpty()) {
                d.status = vs;
            }
            if (d.replycode.isEmpty()) {
                d.replycode = Reasons.findReply(d.diagnosis);
            }
        }
        if (d.spec.isEmpty() && d.reason.equals("mailererror")) {
            d.spec = "X-UNIX";
        } else if (d.spec.isEmpty() && !d.reason.equals("feedback") && !d.reason.equals("vacation")) {
            d.spec = "SMTP";
        }
        if (d.reason.isEmpty()) {
            d.reason = ReasonTables.mtaReason(d.mta, Reasons.lower(d.diagnosis), d.status);
            if (d.mta.equals("gmail") && !d.reason.isEmpty() && GMAIL_STATUS.matcher(Reasons.findStatus(d.diagnosis)).matches()) {
                d.reason = Reasons.statusName(Reasons.findStatus(d.diagnosis));   // Sisimai::Lhost::Gmail: a precise code wins
            }
        }
        if (d.command.isEmpty()) {
            d.command = commandIn(d.diagnosis);
            if (d.command.isEmpty() && text != null) {
                String t = text.length() > ReasonTables.MAX_TEXT ? text.substring(0, ReasonTables.MAX_TEXT) : text;
                d.command = commandIn(BLANKS.matcher(t).replaceAll(" "));
            }
        }
        if (!COMMANDS.contains(d.command)) {
            d.command = "";
        }
        if (d.action.isEmpty()) {
            if (d.reason.equals("expired")) {
                d.action = "delayed";
            } else if (d.status.startsWith("5") || d.status.startsWith("4")) {
                d.action = "failed";
            }
        }
    }

    /** The SMTP command a failure answered, from the MTA's words; "" if they do not say. */
    static String commandIn(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        for (Pattern p : COMMAND_IN_TEXT) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                String c = "";
                for (int g = 1; g <= m.groupCount() && c.isEmpty(); g++) {
                    c = m.group(g) == null ? "" : m.group(g).isEmpty() ? "RCPT" : m.group(g).toUpperCase(java.util.Locale.ROOT);
                }
                return QMAIL_WORDS.getOrDefault(c, c);
            }
        }
        return "";
    }
}
