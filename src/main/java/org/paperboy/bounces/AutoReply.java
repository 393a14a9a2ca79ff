package org.paperboy.bounces;

import java.util.Locale;
import java.util.regex.Pattern;

/** RFC 3834 automatic replies (vacation, out of office): recorded, never acted on. */
final class AutoReply {

    private static final Pattern SUBJECT = Pattern.compile("(?i)^\\s*(?:auto(?:matic)?[- ]?(?:reply|response|antwort)|auto:|"
            + "out of (?:the )?office|vacation|away from|abwesenheit|r[ée]ponse automatique|absence|i am away|i'm away|on leave|"
            + "autosvar|respuesta autom|risposta automatica|automaattinen|ooo\\b)|(?i)out of (?:the )?office|auto-?reply|autoresponse|vacation");

    private AutoReply() {
    }

    static boolean is(MailView view) {
        String auto = view.header("Auto-Submitted").toLowerCase(Locale.ROOT);
        String precedence = view.header("Precedence").toLowerCase(Locale.ROOT);
        return auto.startsWith("auto-replied") || auto.startsWith("auto-notified")
                || !view.header("X-Autoreply").isEmpty() || !view.header("X-Autorespond").isEmpty()
                || !view.header("X-Autoresponse").isEmpty() || !view.header("X-Auto-Response").isEmpty()
                || precedence.contains("auto_reply") || precedence.contains("auto-reply")
                || SUBJECT.matcher(view.header("Subject")).find();
    }

    static Report report(MailView view) {
        String from = Addresses.first(view.header("From"));
        String body = view.texts.isEmpty() ? "" : view.texts.get(0);
        return new Report(from, null, Kind.AUTOREPLY, null, "vacation", view.header("Subject") + " " + body);
    }
}
