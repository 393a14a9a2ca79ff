package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 5965 feedback reports (ARF), which the mailbox providers' feedback loops send when a reader
 * presses "this is spam", and Microsoft's JMRP reports, which name the reader in X-HmXmrOriginalRecipient.
 */
final class Arf {

    private static final Pattern FIELD = Pattern.compile("(?im)^(Original-Rcpt-To|Removal-Recipient|Redacted-Address|Feedback-Type):\\s*(.+)$");
    /** Feedback types that are no complaint by the reader: RFC 6591 authentication-failure reports, not-spam. */
    private static final Set<String> NOT_COMPLAINTS = Set.of("auth-failure", "not-spam", "dkim", "spf");

    private Arf() {
    }

    static boolean isFeedback(MailView view) {
        return view.feedbackReport.length() > 0 || view.contentType.contains("report-type=feedback-report")
                || !view.header("X-HmXmrOriginalRecipient").isEmpty()
                || view.texts.stream().anyMatch(t -> t.contains("Feedback-Type:") && t.contains("User-Agent:"));
    }

    static List<Report> reports(MailView view) {
        String report = view.feedbackReport.length() > 0 ? view.feedbackReport.toString() : String.join("\n", view.texts);
        Set<String> recipients = new LinkedHashSet<>();
        String type = "abuse";
        Matcher m = FIELD.matcher(report);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase("Feedback-Type")) {
                type = m.group(2).strip().toLowerCase(Locale.ROOT);
            } else if (m.group(1).equalsIgnoreCase("Redacted-Address") && m.group(2).strip().endsWith("@")) {
                // the local part is redacted: the reader is the To of the message that came back (as Sisimai::ARF reads it)
                recipients.addAll(Addresses.all(MailView.header(view.returnedHeaders, "To")));
            } else {
                recipients.addAll(Addresses.all(m.group(2)));
            }
        }
        if (recipients.isEmpty()) {
            recipients.addAll(Addresses.all(view.header("X-HmXmrOriginalRecipient")));
        }
        if (recipients.isEmpty()) {
            recipients.addAll(Addresses.all(MailView.header(view.returnedHeaders, "To")));
        }
        Kind kind = NOT_COMPLAINTS.contains(type) ? Kind.NONE : Kind.COMPLAINT;
        List<Report> reports = new ArrayList<>();
        for (String recipient : recipients.isEmpty() ? java.util.Collections.<String>singleton(null) : recipients) {
            reports.add(new Report(recipient, null, kind, null, "feedback", "feedback-type: " + type));
        }
        return reports;
    }
}
