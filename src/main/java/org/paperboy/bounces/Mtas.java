package org.paperboy.bounces;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which mail system wrote a bounce, from its headers, as the match conditions at the start of each of
 * Sisimai's per-MTA readers (Sisimai::Lhost::*) decide; so that an MTA's own phrases are read only in its
 * own bounces. "" when none of those systems is recognised.
 */
final class Mtas {

    private static final Pattern EXIM_ID = Pattern.compile("^<\\w{7}-\\w{6}-\\w{2}@");
    private static final Pattern EXIM_SUBJECT = Pattern.compile("(?:Mail delivery failed(:?: returning message to sender)?"
            + "|Warning: message .+ delayed\\s+|Delivery Status Notification|Mail failure|Message frozen|error\\(s\\) in forwarding or filtering)");
    private static final Pattern QMAIL_RECEIVED = Pattern.compile("^\\(qmail\\s+\\d+\\s+invoked\\s+(?:for\\s+bounce|from\\s+network)\\)");
    private static final Pattern BULLET = Pattern.compile("(?m)^ ?\\* ?");
    private static final Pattern OFFICE365_HOST = Pattern.compile(".+\\.(?:outbound\\.protection|prod)\\.outlook\\.com\\b");

    private Mtas() {
    }

    static String of(MailView view) {
        String from = view.header("From");
        String subject = view.header("Subject");
        String messageId = view.header("Message-ID");
        String[] received = received(view);
        if (from.startsWith("\"Content-filter at ")) {
            return "amavis";
        } else if (has(view, "X-AOL-IP")) {
            return "aol";
        } else if (from.matches("(?s).*postmaster@(?:biglobe|inacatv|tmtv|ttv)\\.ne\\.jp.*") && subject.startsWith("Returned mail:")) {
            return "biglobe";
        } else if (from.contains("Courier mail server at ") || subject.matches("(?s).*(?:NOTICE: mail delivery status\\.|WARNING: delayed mail\\.).*")) {
            return "courier";
        } else if (subject.matches("(?s)^DELIVERY(?:[ _])FAILURE:.*")) {
            return "domino";
        } else if (has(view, "X-MS-Embedded-Report") || view.header("X-MimeOLE").startsWith("Produced By Microsoft Exchange")
                || view.header("X-Mailer").startsWith("Internet Mail Service (")
                || view.header("X-Mailer").startsWith("Microsoft Exchange Server Internet Mail Connector")
                || any(received, " with Internet Mail Service (")) {
            return "exchange2003";
        } else if (from.contains("<mailer-daemon@googlemail.com>") && subject.contains("Delivery Status Notification")) {
            return has(view, "X-Failed-Recipients") && has(view, "X-Google-Smtp-Source") ? "googlegroups"
                    : has(view, "X-Gm-Message-State") ? "gsuite" : "gmail";
        } else if (from.equals("Facebook <mailer-daemon@mx.facebook.com>") && subject.equals("Sorry, your message could not be delivered")) {
            return "facebook";
        } else if (from.equals("post_master@vtext.com") && any(received, ".vtext.com (")) {
            return "verizon";
        } else if (has(view, "X-GMX-Antispam")) {
            return "gmx";
        } else if (subject.matches("(?s)^Undeliverable Mail\\s*$") || view.header("X-Mailer").startsWith("<SMTP32 v")) {
            return "imailserver";
        } else if (from.toLowerCase(Locale.ROOT).matches("(?s).*mailer-daemon@.*mail\\.ru.*")) {
            return "mailru";
        } else if (view.header("X-NAI-Header").contains("Modified by McAfee") && subject.equals("Delivery Status")) {
            return "mcafee";
        } else if (has(view, "X-Msg-Ref") && from.contains("MAILER-DAEMON@messagelabs.com")) {
            return "messagelabs";
        } else if (view.contentType.contains("boundary_(id_") || subject.startsWith("Delivery Notification: ")) {
            return "messagingserver";
        } else if (has(view, "X-MX-Bounce") || has(view, "X-MXL-Hash") || has(view, "X-MXL-NoteHash")) {
            return "mxlogic";
        } else if (subject.startsWith("Undeliverable message")) {
            return "notes";
        } else if (subject.contains("Delivery status notification") && from.contains("Mailer Daemon <") && any(received, " (OpenSMTPD) with ")) {
            return "opensmtpd";
        } else if (from.startsWith("\"InterScan MSS\"") || from.startsWith("\"InterScan Notification\"")
                || List.of("Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました").contains(subject)) {
            return "interscanmss";
        } else if (has(view, "X-SES-Outgoing")) {
            return "receivingses";
        } else if (has(view, "X-ZohoMail")) {
            return "zoho";
        } else if (office365(view, subject, received)) {
            return "office365";
        } else if (subject.equals("failure notice") || java.util.Arrays.stream(received).anyMatch(r -> QMAIL_RECEIVED.matcher(r).find())) {
            return "qmail";
        } else if (exim(from, subject, messageId)) {
            return "exim";
        }
        return "";
    }

    /**
     * A reason an MTA's reader gives the whole mail: Google Groups refuses a post as rejected when it lists the four
     * usual causes ("* You might have spelled ..."), else on hold (Sisimai::Lhost::GoogleGroups).
     */
    static String reason(MailView view) {
        if (!view.mta().equals("googlegroups") || view.texts.isEmpty()) {
            return "";
        }
        java.util.regex.Matcher m = BULLET.matcher(TextBounces.ownText(view.texts.get(0)));
        int bullets = 0;
        while (m.find()) {
            bullets++;
        }
        return bullets == 4 ? "rejected" : "onhold";
    }

    private static boolean exim(String from, String subject, String messageId) {
        if (from.matches("(?s).*@.+\\.mail\\.ru>?.*")) {
            return false;
        }
        int match = from.startsWith("Mail Delivery System") ? 1 : 0;
        match += EXIM_ID.matcher(messageId).find() ? 1 : 0;
        match += EXIM_SUBJECT.matcher(subject).find() ? 1 : 0;
        return match >= 2;
    }

    private static boolean office365(MailView view, String subject, String[] received) {
        int match = subject.contains("Undeliverable:") ? 1 : 0;
        for (String h : new String[] {"X-MS-Exchange-Message-Is-Ndr", "X-Microsoft-Antispam-PRVS", "X-Exchange-Antispam-Report-Test",
            "X-Exchange-Antispam-Report-CFA-Test", "X-MS-Exchange-CrossTenant-OriginalArrivalTime"}) {
            match += has(view, h) ? 1 : 0;
        }
        match += java.util.Arrays.stream(received).anyMatch(r -> OFFICE365_HOST.matcher(r).find()) ? 1 : 0;
        return match > 1;
    }

    private static boolean has(MailView view, String name) {
        return view.headers.getHeader(name) != null;
    }

    private static boolean any(String[] values, String part) {
        return java.util.Arrays.stream(values).anyMatch(v -> v.contains(part));
    }

    private static String[] received(MailView view) {
        String[] r = view.headers.getHeader("Received");
        return r == null ? new String[0] : r;
    }
}
