package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reports from an RFC 3464 delivery status notification, with the human-readable part as the diagnostic of last resort. */
final class Dsn {

    private static final Pattern POSTFIX_LINE = Pattern.compile("(?m)^<[^\\s>]+@[^\\s>]+>(?: \\(expanded from <[^>]+>\\))?:(.*)$");

    private Dsn() {
    }

    static List<Report> reports(MailView view, Set<String> notRecipients) {
        String body = view.deliveryStatus.toString();
        if (body.isBlank()) {
            body = inlineStatus(view);
        }
        List<Report> reports = new ArrayList<>();
        List<DeliveryStatus.Fields> all = DeliveryStatus.parse(body);
        List<TextBounces.Found> texts = all.isEmpty() ? List.of() : TextBounces.find(view.texts, notRecipients);
        boolean postfix = isPostfix(view);
        for (DeliveryStatus.Fields fields : all) {
            String recipient = fields.finalRecipient != null ? fields.finalRecipient : fields.originalRecipient;
            if (recipient != null) {
                String text = textAbout(recipient, fields, texts, view);
                if (postfix) {
                    fields.diagnostic = postfixDiagnosis(fields, text);
                }
                reports.add(report(recipient, fields, text, view.mta()));
            }
        }
        return reports;
    }

    /** Postfix's own text ("host ... said: ... (in reply to RCPT TO command)") as Sisimai::Lhost::Postfix takes it. */
    static boolean isPostfix(MailView view) {
        return view.header("Subject").startsWith("Undelivered Mail Returned to Sender")
                || view.texts.stream().anyMatch(t -> t.contains("This is the mail system at host") || t.contains("The Postfix program"));
    }

    /**
     * The diagnosis Sisimai::Lhost::Postfix reads: the lines of the human-readable part about the recipient replace
     * the Diagnostic-Code when they carry a precise status code, or a reply code and more words.
     */
    private static String postfixDiagnosis(DeliveryStatus.Fields fields, String text) {
        Matcher m = POSTFIX_LINE.matcher(text);
        if (!m.find()) {
            return fields.diagnostic;
        }
        StringBuilder other = new StringBuilder(m.group(1).strip());
        String[] lines = text.substring(m.end()).split("\\r?\\n");
        for (int i = 1; i < lines.length && lines[i].startsWith("    "); i++) {
            other.append(' ').append(lines[i].strip());
        }
        String another = other.toString();
        String status = fields.status == null ? "" : fields.status;
        String as = status.isEmpty() || status.endsWith(".0.0") ? Reasons.findStatus(another) : "";
        boolean preciseStatus = !as.isEmpty() && !as.endsWith(".0.0");
        String ar = Reasons.findReply(another);
        boolean reply = !ar.isEmpty() && !ar.endsWith("00") && another.length() > fields.diagnostic.length();
        if (fields.diagnostic.isBlank() || preciseStatus || reply) {
            if (preciseStatus) {
                fields.status = as;
            }
            return another;
        }
        return fields.diagnostic;
    }

    private static Report report(String recipient, DeliveryStatus.Fields fields, String text, String mta) {
        Delivery d = new Delivery(recipient).diagnosis(fields.diagnostic.isBlank() ? text : fields.diagnostic)
                .status(fields.status).action(fields.action.split("[ (]", 2)[0]);
        d.alias = fields.originalRecipient;
        d.spec = fields.spec;
        d.rhost = fields.remoteMta;
        d.mta = mta;
        return Deliveries.report(d, text);
    }

    private static String textAbout(String recipient, DeliveryStatus.Fields fields, List<TextBounces.Found> texts, MailView view) {
        for (TextBounces.Found found : texts) {
            if (found.recipient().equals(recipient) || found.recipient().equals(fields.originalRecipient)) {
                return found.block();
            }
        }
        return view.texts.isEmpty() ? "" : TextBounces.ownText(view.texts.get(0));
    }

    /** Some MTAs put the delivery-status fields in a text part; take them from there. */
    private static String inlineStatus(MailView view) {
        for (String text : view.texts) {
            String own = TextBounces.ownText(text);
            if (own.contains("Final-Recipient:") || own.contains("Final-recipient:") || own.contains("Original-Recipient:")) {
                return own;
            }
        }
        return "";
    }
}
