package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands one returned mail: an RFC 5965 feedback report (complaint), an RFC 3464 delivery
 * status notification, the text-only bounce of an MTA that sends no DSN, or an RFC 3834
 * automatic reply; anything else is reported as kind none.
 */
public final class BounceParser {

    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|undelivered|delivery (?:status|failure|has failed|failed|notification|problem)"
            + "|returned mail|mail delivery|failure notice|non[- ]?delivery|could not be delivered|not delivered|delivery report"
            + "|mail system error|rejected|bounce|failed delivery|nondeliverable|warning: could not|permanent error|unzustellbar");
    private static final Pattern BAD_ID = Pattern.compile("[\\s<>]");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>\\s]+)>");

    /** The subject of a mail, decoded, for mailed unsubscribes that carry their token there. */
    public static String subject(byte[] raw) {
        return MailView.of(raw).header("Subject");
    }

    /** Parses the raw bytes of one mail; never throws for bad mail, which is reported as kind none. */
    public ReturnedMail parse(byte[] raw) {
        MailView view = MailView.of(raw);
        List<Report> reports = reports(view);
        boolean unreadable = reports.size() == 1 && reports.get(0).recipient() == null && reports.get(0).kind() == Kind.NONE
                && looksLikeBounce(view);
        return new ReturnedMail(messageId(view.header("Message-ID")), addressedTo(view), originalMessageId(view), reports, unreadable);
    }

    private List<Report> reports(MailView view) {
        if (Arf.isFeedback(view)) {
            return Arf.reports(view);
        }
        Set<String> notRecipients = notRecipients(view);
        List<Report> reports = Dsn.reports(view, notRecipients);
        if (reports.isEmpty()) {
            reports = SesNotification.reports(view);
        }
        if (reports.isEmpty() && looksLikeBounce(view)) {
            reports = TextReports.reports(view, notRecipients);
        }
        if (reports.isEmpty() && AutoReply.is(view)) {
            reports = List.of(AutoReply.report(view));
        }
        return reports.isEmpty() ? List.of(new Report(null, null, Kind.NONE, null, "none", "")) : reports;
    }

    static boolean looksLikeBounce(MailView view) {
        String from = view.header("From").toLowerCase(Locale.ROOT);
        return view.contentType.contains("report-type=delivery-status") || !view.header("X-Failed-Recipients").isEmpty()
                || from.contains("mailer-daemon") || from.contains("postmaster") || from.contains("post_master") || from.contains("mail delivery")
                || BOUNCE_SUBJECT.matcher(view.header("Subject")).find() || view.header("Return-Path").equals("<>");
    }

    /** Addresses in a bounce that are never the failed recipient: who sent it, whom it went to, who sent the original. */
    private static Set<String> notRecipients(MailView view) {
        Set<String> not = new HashSet<>();
        for (String name : List.of("From", "To", "Delivered-To", "X-Original-To", "Return-Path", "Sender", "Reply-To")) {
            not.addAll(Addresses.all(view.header(name)));
        }
        for (String name : List.of("From", "Return-Path", "Sender", "Reply-To")) {
            not.addAll(Addresses.all(MailView.header(view.returnedHeaders, name)));
        }
        return not;
    }

    private static List<String> addressedTo(MailView view) {
        Set<String> to = new LinkedHashSet<>();
        for (String name : List.of("Delivered-To", "X-Original-To", "To", "Envelope-To")) {
            to.addAll(Addresses.all(view.header(name)));
        }
        return new ArrayList<>(to);
    }

    private static String originalMessageId(MailView view) {
        String id = messageId(MailView.header(view.returnedHeaders, "Message-ID"));
        if (id != null) {
            return id;
        }
        for (String text : view.texts) {
            Matcher m = MESSAGE_ID.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String messageId(String header) {
        String id = header == null ? "" : header.strip();
        if (id.startsWith("<") && id.indexOf('>') > 1) {
            id = id.substring(1, id.indexOf('>'));
        }
        return id.isEmpty() || id.length() > 250 || BAD_ID.matcher(id).find() ? null : id;
    }
}
