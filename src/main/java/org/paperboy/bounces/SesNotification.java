package org.paperboy.bounces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Amazon SES notifications mailed through SNS: a JSON body with notificationType Bounce,
 * Complaint or Delivery (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html).
 */
final class SesNotification {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON = 1 << 20;
    /** Sisimai::Lhost::AmazonSES: the reasons that an SES bounce type and subtype name by themselves. */
    private static final java.util.Map<String, String> REASONS = java.util.Map.of(
            "Transient/MailboxFull", "mailboxfull", "Transient/MessageTooLarge", "mesgtoobig");

    private SesNotification() {
    }

    /** The reports of an SES notification in the mail's text, or an empty list when it holds none. */
    static List<Report> reports(MailView view) {
        for (String text : view.texts) {
            int start = text.indexOf("{\"notificationType\"");
            if (start < 0) {
                start = text.indexOf("{\"eventType\"");
            }
            if (start < 0 && text.strip().startsWith("{") && text.contains("\"Message\"")) {
                start = text.indexOf('{');
            }
            if (start >= 0 && text.length() - start <= MAX_JSON) {
                try {
                    JsonNode n = JSON.readTree(JSON.getFactory().createParser(unfold(text.substring(start))));
                    if (n.path("Message").isTextual()) {
                        n = JSON.readTree(n.path("Message").asText());   // the SNS envelope around the SES notification
                    }
                    return fromJson(n);
                } catch (IOException | RuntimeException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    /**
     * SNS mails wrap long lines: a line ending in "!" goes on after the first character of the next one
     * (Sisimai::Lhost::AmazonSES reads them so); the lines of the JSON are joined, up to a line "--".
     */
    private static String unfold(String text) {
        if (!text.contains("!\n") && !text.contains("!\r\n")) {
            return text;
        }
        StringBuilder json = new StringBuilder();
        boolean folded = false;
        for (String line : text.split("\\r?\\n")) {
            if (line.equals("--")) {
                break;
            }
            String l = folded && !line.isEmpty() ? line.substring(1) : line;
            folded = l.endsWith("!");
            json.append(folded ? l.substring(0, l.length() - 1) : l);
        }
        return json.toString();
    }

    private static List<Report> fromJson(JsonNode n) {
        String type = n.path("notificationType").asText(n.path("eventType").asText()).toLowerCase(Locale.ROOT);
        List<Report> reports = new ArrayList<>();
        switch (type) {
            case "bounce" -> {
                JsonNode bounce = n.path("bounce");
                String reason = REASONS.getOrDefault(bounce.path("bounceType").asText() + "/" + bounce.path("bounceSubType").asText(), "");
                for (JsonNode r : bounce.path("bouncedRecipients")) {
                    String code = r.path("diagnosticCode").asText("");
                    int semicolon = code.indexOf(';');
                    Delivery d = new Delivery(Addresses.first(r.path("emailAddress").asText()))
                            .diagnosis(semicolon > 0 && semicolon < 12 ? code.substring(semicolon + 1).strip() : code)
                            .status(Reasons.findStatus(r.path("status").asText(""))).action(r.path("action").asText("")).reason(reason);
                    d.spec = semicolon > 0 && semicolon < 12 ? code.substring(0, semicolon).strip().toUpperCase(Locale.ROOT) : "";
                    if (d.recipient != null) {
                        reports.add(Deliveries.report(d, ""));
                    }
                }
            }
            case "complaint" -> {
                String feedback = n.path("complaint").path("complaintFeedbackType").asText("abuse");
                for (JsonNode r : n.path("complaint").path("complainedRecipients")) {
                    reports.add(new Report(Addresses.first(r.path("emailAddress").asText()), null, Kind.COMPLAINT, null, "feedback",
                            "feedback-type: " + feedback));
                }
            }
            case "delivery" -> {
                String response = n.path("delivery").path("smtpResponse").asText("");
                for (JsonNode r : n.path("delivery").path("recipients")) {
                    reports.add(new Report(Addresses.first(r.asText()), null, Kind.NONE, Reasons.statusIn(response), "delivered", response));
                }
            }
            default -> { }
        }
        return reports;
    }
}
