package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reports from a bounce that has only human-readable text (and perhaps an X-Failed-Recipients header). */
final class TextReports {

    private static final java.util.regex.Pattern EMPTY_BRACKETS = java.util.regex.Pattern.compile("<\\s*>");

    private TextReports() {
    }

    static List<Report> reports(MailView view, Set<String> notRecipients) {
        List<TextBounces.Found> found = TextBounces.find(view.texts, notRecipients);
        List<String> failed = Addresses.all(view.header("X-Failed-Recipients"));
        String whole = view.texts.isEmpty() ? "" : TextBounces.ownText(String.join("\n", view.texts));
        List<TextBounces.Found> chosen = new ArrayList<>();
        if (!failed.isEmpty()) {
            for (String address : failed) {
                chosen.add(found.stream().filter(f -> f.recipient().equals(address)).findFirst()
                        .orElse(new TextBounces.Found(address, whole)));
            }
        } else {
            chosen.addAll(found);
        }
        List<Report> reports = new ArrayList<>();
        for (TextBounces.Found f : chosen) {
            reports.add(report(f, whole, view));
        }
        return reports;
    }

    private static Report report(TextBounces.Found found, String whole, MailView view) {
        String block = found.block();
        String status = first(Reasons.statusIn(block), Reasons.statusIn(whole));
        String diagnostic = EMPTY_BRACKETS.matcher(block.replace(found.recipient(), " ")).replaceAll(" ");
        Delivery d = new Delivery(found.recipient()).diagnosis(diagnostic).status(status).reason(Mtas.reason(view));
        d.mta = view.mta();
        return Deliveries.report(d, block);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
