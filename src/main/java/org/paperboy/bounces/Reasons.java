package org.paperboy.bounces;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names why a delivery failed and whether that is hard or soft, as the bounce parser Sisimai 4.25.15 does
 * (Sisimai::Reason get/anotherone, the true() of each reason, Sisimai::SMTP::Status, Sisimai::SMTP::Error
 * soft_or_hard): the enhanced status code, the SMTP command the failure answered and the remote server's
 * words, each reason's phrases taken from Sisimai's tables ({@link ReasonTables}). A "user unknown" answered
 * after DATA is {@code filtered} (soft), as in Sisimai: the server may reject by content, not by address.
 */
final class Reasons {

    /** Reasons that an MTA's reader may name but that are decided again from the message (Sisimai::Reason->retry). */
    static final Set<String> RETRY = Set.of("undefined", "onhold", "systemerror", "securityerror", "networkerror", "hostunknown",
            "userunknown");
    private static final List<String> ORDER_TRUE = List.of("mailboxfull", "mesgtoobig", "exceedlimit", "suspend", "hasmoved",
            "norelaying", "userunknown", "filtered", "rejected", "hostunknown", "spamdetected", "toomanyconn", "blocked");
    private static final List<String> ORDER_MATCH = List.of("mailboxfull", "spamdetected", "policyviolation", "virusdetected",
            "norelaying", "securityerror", "systemerror", "networkerror", "suspend", "expired", "contenterror", "systemfull",
            "notaccept", "mailererror");
    private static final List<String> NOT_USERUNKNOWN = List.of("norelaying", "blocked", "mailboxfull", "hasmoved", "rejected",
            "notaccept");
    private static final Set<String> HARD = Set.of("hasmoved", "hostunknown", "userunknown");
    private static final Set<String> EARLY = Set.of("CONN", "EHLO", "HELO", "MAIL", "RCPT");
    private static final Map<String, String> STATUS_NAMES = new HashMap<>();

    static {
        String table = "2.1.5=delivered 4.1.6=hasmoved 4.1.7=rejected 4.1.8=rejected 4.1.9=systemerror 4.2.1=suspend 4.2.2=mailboxfull "
                + "4.2.3=exceedlimit 4.2.4=filtered 4.3.1=systemfull 4.3.2=notaccept 4.3.3=systemerror 4.3.5=systemerror 4.4.1=expired "
                + "4.4.2=networkerror 4.4.4=networkerror 4.4.5=systemfull 4.4.6=networkerror 4.4.7=expired 4.5.3=systemerror 4.5.5=systemerror "
                + "4.6.0=contenterror 4.6.2=contenterror 4.6.5=contenterror 4.7.1=blocked 4.7.12=securityerror 4.7.15=securityerror "
                + "4.7.16=mesgtoobig 4.7.2=blocked 4.7.24=securityerror 4.7.25=blocked 4.7.5=securityerror 4.7.6=securityerror "
                + "4.7.7=securityerror 5.1.0=userunknown 5.1.1=userunknown 5.1.10=notaccept 5.1.2=hostunknown 5.1.3=userunknown "
                + "5.1.4=filtered 5.1.6=hasmoved 5.1.7=rejected 5.1.8=rejected 5.1.9=systemerror 5.2.0=filtered 5.2.1=filtered "
                + "5.2.2=mailboxfull 5.2.3=exceedlimit 5.2.4=filtered 5.3.0=systemerror 5.3.1=systemfull 5.3.2=notaccept 5.3.3=systemerror "
                + "5.3.4=mesgtoobig 5.3.5=systemerror 5.4.0=networkerror 5.4.3=systemerror 5.4.4=hostunknown 5.5.3=toomanyconn "
                + "5.5.4=systemerror 5.5.5=systemerror 5.5.6=securityerror 5.6.0=contenterror 5.6.1=contenterror 5.6.2=contenterror "
                + "5.6.3=contenterror 5.6.5=contenterror 5.6.6=contenterror 5.6.7=contenterror 5.6.8=contenterror 5.6.9=contenterror "
                + "5.7.0=securityerror 5.7.1=securityerror 5.7.10=securityerror 5.7.11=securityerror 5.7.13=suspend 5.7.14=securityerror "
                + "5.7.15=securityerror 5.7.16=mesgtoobig 5.7.17=hasmoved 5.7.18=hasmoved 5.7.19=securityerror 5.7.2=securityerror "
                + "5.7.20=securityerror 5.7.21=securityerror 5.7.22=securityerror 5.7.23=securityerror 5.7.24=securityerror 5.7.25=blocked "
                + "5.7.26=securityerror 5.7.27=notaccept 5.7.3=securityerror 5.7.4=securityerror 5.7.5=securityerror 5.7.6=securityerror "
                + "5.7.7=securityerror 5.7.8=securityerror 5.7.9=securityerror";
        for (String pair : table.split(" ")) {
            String[] kv = pair.split("=");
            STATUS_NAMES.put(kv[0], kv[1]);
        }
    }

    private static final List<Pattern> STATUS = List.of(
            Pattern.compile(" ?\\(#([45]\\.\\d\\.\\d+)\\)? ?"),
            Pattern.compile("\\b\\d{3}[ -]#?([45]\\.\\d\\.\\d+)\\b"),
            Pattern.compile("\\b([45]\\.\\d\\.\\d+)\\b"),
            Pattern.compile("\\b(2\\.[0-7]\\.[0-7])\\b"));
    private static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    private static final Pattern REPLY = Pattern.compile("\\b([45][0-5][0-9])\\b");
    private static final Pattern REPLY_OK = Pattern.compile("\\b(25[0-3])\\b");
    private static final Pattern SYNTAX_REPLY = Pattern.compile("[45]0[0-7]");

    private Reasons() {
    }

    /** Sisimai::SMTP::Status->name: the reason an enhanced status code names by itself, or "". */
    static String statusName(String code) {
        return code == null ? "" : STATUS_NAMES.getOrDefault(code, "");
    }

    /** Sisimai::SMTP::Status->find: the enhanced status code in a text ("" if none), never a piece of an IPv4 address. */
    static String findStatus(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String t = cap(text);
        for (Pattern p : STATUS) {
            Matcher m = p.matcher(t);
            if (!m.find()) {
                continue;
            }
            String found = m.group(1);
            String q = Pattern.quote(found);
            if (Pattern.compile("\\b(?:" + q + "\\.\\d{1,3}|\\d{1,3}\\." + q + ")\\b").matcher(t).find()) {
                continue;
            }
            return found;
        }
        return "";
    }

    /** The enhanced status code in a text, or null (for the parsing classes). */
    static String statusIn(String text) {
        String s = findStatus(text);
        return s.isEmpty() ? null : s;
    }

    /** Sisimai::SMTP::Reply->find: the basic SMTP reply code in a text, or "". */
    static String findReply(String text) {
        if (text == null || text.isEmpty() || text.toUpperCase(Locale.ROOT).contains("X-UNIX;")) {
            return "";
        }
        String t = IPV4.matcher(cap(text)).replaceAll("***.***.***.***");
        Matcher m = REPLY.matcher(t);
        if (m.find()) {
            return m.group(1);
        }
        m = REPLY_OK.matcher(t);
        return m.find() ? m.group(1) : "";
    }

    /** Sisimai::Reason->get: the reason for one delivery, the MTA reader's own reason first unless Sisimai decides it again. */
    static String get(Delivery d) {
        if (!d.reason.isEmpty() && !RETRY.contains(d.reason)) {
            return d.reason;
        }
        if (d.status.startsWith("2.")) {
            return "delivered";
        }
        String reason = "";
        if (d.spec.equals("SMTP") || d.spec.isEmpty()) {
            for (String r : ORDER_TRUE) {
                if (isTrue(r, d)) {
                    reason = r;
                    break;
                }
            }
        }
        if (reason.isEmpty()) {
            reason = anotherOne(d);
            if (reason.equals("undefined")) {
                reason = "";
            }
            if (reason.isEmpty() && d.action.equals("delayed")) {
                reason = "expired";
            }
            if (!reason.isEmpty()) {
                return reason;
            }
            String diagnosis = lower(d.diagnosis);
            reason = ReasonTables.match("vacation", diagnosis) ? "vacation" : d.diagnosis.isEmpty() ? "undefined" : "onhold";
        }
        return reason;
    }

    private static String anotherOne(Delivery d) {
        if (!d.reason.isEmpty()) {
            return d.reason;
        }
        String reason = statusName(d.status);
        boolean tryToMatch = reason.isEmpty() || reason.equals("expired") || RETRY.contains(reason) || !d.spec.equals("SMTP");
        if (!tryToMatch) {
            return reason;
        }
        String diagnosis = lower(d.diagnosis);
        for (String r : ORDER_MATCH) {
            if (ReasonTables.match(r, diagnosis)) {
                return r;
            }
        }
        if (!reason.isEmpty()) {
            return reason;
        }
        String klass = d.status.length() >= 3 ? d.status.substring(0, 3) : "";
        if (klass.equals("4.6") || klass.equals("5.6")) {
            return "contenterror";
        } else if (klass.equals("5.7") || klass.equals("4.7")) {
            return "securityerror";
        } else if (d.spec.equals("X-UNIX") || d.spec.equals("X-POSTFIX")) {
            return "mailererror";
        } else if (SYNTAX_REPLY.matcher(d.replycode).matches()) {
            return "syntaxerror";
        }
        if (d.action.startsWith("delayed") || d.action.startsWith("expired")) {
            return "expired";
        }
        return d.command.equals("EHLO") || d.command.equals("HELO") ? "blocked" : "";
    }

    /** The true() of Sisimai's reason classes: the status code and command decide, then the words. */
    private static boolean isTrue(String reason, Delivery d) {
        if (d.reason.equals(reason)) {
            return true;
        }
        String named = statusName(d.status);
        String diagnosis = lower(d.diagnosis);
        return switch (reason) {
            case "mailboxfull" -> !d.status.isEmpty() && (named.equals("mailboxfull") || ReasonTables.match(reason, diagnosis));
            case "mesgtoobig" -> named.equals("mesgtoobig")
                    || !named.equals("exceedlimit") && !d.status.equals("5.2.3") && ReasonTables.match(reason, diagnosis);
            case "exceedlimit", "toomanyconn", "blocked" -> named.equals(reason) || ReasonTables.match(reason, diagnosis);
            case "suspend", "hasmoved" -> ReasonTables.match(reason, diagnosis);
            case "norelaying" -> !Set.of("securityerror", "systemerror", "undefined").contains(d.reason)
                    && !Set.of("CONN", "EHLO", "HELO").contains(d.command) && ReasonTables.match(reason, diagnosis);
            case "userunknown" -> !named.equals("suspend") && (named.equals("userunknown")
                    ? NOT_USERUNKNOWN.stream().noneMatch(r -> ReasonTables.match(r, diagnosis))
                    : d.command.equals("RCPT") && ReasonTables.match(reason, diagnosis));
            case "filtered" -> !named.equals("suspend") && (named.equals("filtered")
                    ? ReasonTables.match("userunknown", diagnosis) || ReasonTables.match(reason, diagnosis)
                    : !EARLY.contains(d.command) && (ReasonTables.match(reason, diagnosis) || ReasonTables.match("userunknown", diagnosis)));
            case "rejected" -> rejected(d, named.isEmpty() ? "undefined" : named, diagnosis);
            case "hostunknown" -> named.equals("hostunknown") ? !ReasonTables.match("networkerror", diagnosis)
                    : ReasonTables.match(reason, diagnosis);
            case "spamdetected" -> named.equals(reason) || !EARLY.contains(d.command) && ReasonTables.match(reason, diagnosis);
            default -> false;
        };
    }

    private static boolean rejected(Delivery d, String named, String diagnosis) {
        if (named.equals("rejected")) {
            return true;
        }
        if (d.command.equals("MAIL")) {
            return ReasonTables.match("rejected", diagnosis);
        } else if (d.command.equals("DATA")) {
            return !named.equals("userunknown") && ReasonTables.match("rejected", diagnosis);
        }
        return Set.of("onhold", "undefined", "securityerror", "systemerror").contains(named) && ReasonTables.match("rejected", diagnosis);
    }

    /**
     * Sisimai::SMTP::Error->soft_or_hard as a kind: the address or domain is gone (hard), a refusal that may pass
     * (soft), or no bounce at all. {@code notaccept} is hard unless the code in the text is temporary.
     */
    static Kind kindOf(String reason, String text) {
        return switch (reason) {
            case "delivered" -> Kind.NONE;
            case "feedback" -> Kind.COMPLAINT;
            case "vacation" -> Kind.AUTOREPLY;
            case "notaccept" -> {
                String code = findStatus(text);
                code = code.isEmpty() ? findReply(text) : code;
                yield code.startsWith("4") ? Kind.SOFT : Kind.HARD;
            }
            default -> HARD.contains(reason) ? Kind.HARD : Kind.SOFT;
        };
    }

    static String lower(String s) {
        return s == null ? "" : cap(s).toLowerCase(Locale.ROOT);
    }

    private static String cap(String s) {
        return s.length() > ReasonTables.MAX_TEXT ? s.substring(0, ReasonTables.MAX_TEXT) : s;
    }
}
