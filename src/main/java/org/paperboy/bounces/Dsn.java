package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reports from an RFC 3464 delivery status notification, with the human-readable part as the diagnostic of last resort. */
final class Dsn {

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
        for (DeliveryStatus.Fields fields : all) {
            String recipient = fields.finalRecipient != null ? fields.finalRecipient : fields.originalRecipient;
            if (recipient != null && !Addresses.isDaemon(recipient)) {
                reports.add(report(recipient, fields, textAbout(recipient, fields, texts, view)));
            }
        }
        return reports;
    }

    private static Report report(String recipient, DeliveryStatus.Fields fields, String text) {
        Delivery d = new Delivery(recipient).diagnosis(fields.diagnostic.isBlank() ? text : fields.diagnostic)
                .status(fields.status).action(fields.action.split("[ (]", 2)[0]);
        d.alias = fields.originalRecipient;
        d.spec = fields.spec;
        d.rhost = fields.remoteMta;
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
