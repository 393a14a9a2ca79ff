package org.paperboy.bounces;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names why a delivery failed, in the reason taxonomy of the bounce parser Sisimai
 * (https://libsisimai.org/en/reason/), from the remote server's words and the enhanced status code
 * (RFC 3463). The words win over the code, because servers send 5.0.0 or 5.7.1 for almost anything.
 */
final class Reasons {

    /** Sisimai's hard bounces: the address or its domain is gone for good. */
    private static final Set<String> HARD = Set.of("userunknown", "hostunknown", "hasmoved");

    /** Checked in order; the first reason whose phrase occurs in the diagnostic wins. */
    private static final Map<String, Pattern> PHRASES = new LinkedHashMap<>();

    static {
        phrase("hasmoved", "has (?:been )?moved|address has changed|has a new address");
        phrase("mailboxfull", "mailbox (?:is )?full|full mailbox|over ?quota|quota (?:exceeded|exceed|full)|exceeded (?:the |its |his |her )?"
                + "(?:storage|quota|mailbox)|exceeds? (?:its |the )?(?:quota|mailbox size|storage)|mailbox size limit|insufficient disk space"
                + "|user is over|mailbox has exceeded|account is full|disk quota|too much mail|mailbox (?:is )?(?:over|at) capacity"
                + "|not enough (?:storage|space)|mail ?box ?full|would exceed|quota");
        phrase("notaccept", "null mx|does not accept (?:any )?mail|doesn't (?:receive|accept) (?:e-?)?mail|does not receive (?:e-?)?mail");
        phrase("hostunknown", "host unknown|unknown host|host not found|domain not found|name or service not known|no mx (?:record|for)"
                + "|domain (?:does not|doesn't) exist|unrouteable mail domain|nxdomain|domain name not found|unknown domain"
                + "|host or domain name not found|no such domain|dns error|domain (?:is )?(?:not|no longer) (?:valid|registered)"
                + "|invalid domain|unresolvable|host_unknown|domain lookup failed|does not resolve|mx lookup");
        phrase("userunknown", "user ?unknown|unknown (?:user|recipient|address|local[- ]part|mailbox)|no such (?:user|mailbox|recipient|address|person)"
                + "|mailbox (?:not found|does not exist|doesn't exist|unavailable|not available|invalid)|(?:does not|doesn't|did not) exist"
                + "|invalid (?:recipient|mailbox|address|user)|recipient (?:not found|unknown|address rejected: (?:undeliverable|access denied|invalid))"
                + "|recipnotfound|user (?:not found|not known|doesn't have|does not have)|no mailbox here|not a valid (?:mailbox|user|recipient)"
                + "|unrouteable address|undeliverable address|account (?:that you tried to reach )?does not exist|is not a valid user"
                + "|bad destination mailbox|address (?:does not exist|unknown|not found|not present)|not listed in (?:domino|public name)"
                + "|not our customer|no account by that name|unknown or illegal alias|rejected: user|recipient rejected|no such local user"
                + "|user (?:account )?(?:is )?unavailable|addressee unknown|unknown email address|no valid recipients|undeliverable recipient"
                + "|said: 550 5\\.1\\.1|email account that you tried to reach|not exist|address rejected|name is not recognized");
        phrase("mesgtoobig", "message (?:is )?too (?:big|large)|message size exceeds|message length exceeds|exceeds? (?:the )?(?:maximum )?(?:message )?size"
                + "|size limit|too large|message exceeded|max(?:imum)? (?:message )?size");
        phrase("suspend", "(?:account|mailbox|user|address) (?:has been |is )?(?:disabled|suspended|inactive|deactivated|frozen|locked|blocked)"
                + "|inactive (?:user|account|mailbox)|not active|disabled (?:user|account|mailbox)|temporarily deactivated|is suspended");
        phrase("virusdetected", "virus|malware|infected|malicious");
        phrase("spamdetected", "spam(?!haus|cop)|junk mail|bulk mail|unsolicited|classified as|content rejected|message content|content filter|scored");
        phrase("authfailure", "\\bspf\\b|dkim|dmarc|sender policy framework|not authenticated|authentication (?:results|check)");
        phrase("requireptr", "reverse (?:dns|lookup|hostname)|ptr record|\\bptr\\b|rdns|no reverse|cannot find your hostname|not resolve your");
        phrase("badreputation", "reputation");
        phrase("blocked", "blocked|black ?list|block ?list|\\brbl\\b|spamhaus|dnsbl|banned|client host rejected|access denied|connection refused"
                + "|not allowed to send|your ip|ip address|listed (?:in|at|on)|barracuda|sorbs|spamcop|denied|smtp server of your isp|dynamic ip"
                + "|dial-?up|residential");
        phrase("norelaying", "relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)|not permitted to relay|unable to relay"
                + "|relay not permitted|we do not relay|no relaying|relaying not|not a gateway|relay");
        phrase("speeding", "rate limit|too many (?:messages|mails|emails)|sending rate|unusual rate|ratelimit|rate of");
        phrase("toomanyconn", "too many (?:connections|recipients|sessions|hops|concurrent)|connection limit|try again later|throttl");
        phrase("rejected", "sender (?:address )?(?:rejected|denied|unknown|verify failed|not allowed)|domain of sender|sender verification"
                + "|envelope sender|mail from|return path|your address|not accept mail from|refused|rejected");
        phrase("policyviolation", "policy|prohibited|not allowed|restricted|violat");
        phrase("notcompliantrfc", "rfc ?5322|rfc ?2822|not rfc|duplicate header|multiple (?:from|subject)|header (?:error|syntax)");
        phrase("expired", "retry time|retry timeout|delivery time expired|message expired|expired|too long|could not be delivered (?:within|for)"
                + "|giving up|gave up|undeliverable for|timed out waiting|delivery (?:was )?(?:delayed|deferred)|has been delayed|not yet been delivered"
                + "|delivery temporarily suspended|still trying");
        phrase("networkerror", "timed? ?out|time-out|network|no route to host|mail loop|loops back|too many hops|hop count|routing loop"
                + "|connection (?:reset|closed|dropped)|could not connect|unable to connect|lost connection|host is unreachable");
        phrase("systemfull", "insufficient system storage|system (?:is )?full|disk full|out of (?:disk|storage)");
        phrase("syntaxerror", "syntax error|command unrecognized|unrecognized command|bad sequence|command not implemented");
        phrase("securityerror", "authentication required|tls required|encryption required|must issue a starttls|secure connection|certificate");
        phrase("filtered", "filtered|rejected by the recipient|not authori[sz]ed|not permitted|refuse");
        phrase("systemerror", "system error|server error|internal error|local error|temporary failure|configuration error|mail system|"
                + "temporarily (?:unavailable|deferred|rejected)|service (?:not )?(?:un)?available|resources|local problem|mailer error");
        phrase("contenterror", "content|mime|attachment|header");
    }

    /** Sisimai's names for the enhanced status codes that say the reason by themselves. */
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("1.1", "userunknown"), Map.entry("1.2", "hostunknown"), Map.entry("1.3", "userunknown"),
            Map.entry("1.4", "userunknown"), Map.entry("1.6", "hasmoved"), Map.entry("1.7", "rejected"),
            Map.entry("1.8", "rejected"), Map.entry("1.10", "notaccept"), Map.entry("2.0", "filtered"), Map.entry("2.1", "suspend"),
            Map.entry("2.2", "mailboxfull"), Map.entry("2.3", "exceedlimit"), Map.entry("2.4", "systemerror"),
            Map.entry("3.0", "systemerror"), Map.entry("3.1", "systemfull"), Map.entry("3.2", "systemerror"),
            Map.entry("3.3", "systemerror"), Map.entry("3.4", "mesgtoobig"), Map.entry("3.5", "systemerror"),
            Map.entry("4.0", "networkerror"), Map.entry("4.1", "networkerror"), Map.entry("4.2", "networkerror"),
            Map.entry("4.3", "systemerror"), Map.entry("4.4", "hostunknown"), Map.entry("4.5", "networkerror"),
            Map.entry("4.6", "networkerror"), Map.entry("4.7", "expired"), Map.entry("5.0", "syntaxerror"),
            Map.entry("5.1", "syntaxerror"), Map.entry("5.2", "syntaxerror"), Map.entry("5.3", "toomanyconn"),
            Map.entry("5.4", "syntaxerror"), Map.entry("6.0", "contenterror"), Map.entry("6.1", "contenterror"),
            Map.entry("7.0", "securityerror"), Map.entry("7.1", "rejected"), Map.entry("7.7", "securityerror"),
            Map.entry("7.8", "securityerror"), Map.entry("7.9", "securityerror"), Map.entry("7.13", "suspend"),
            Map.entry("7.23", "authfailure"), Map.entry("7.25", "requireptr"), Map.entry("7.26", "authfailure"),
            Map.entry("7.27", "notaccept"));

    /** Codes specific enough to name the reason whatever the words say. */
    private static final Set<String> DECISIVE = Set.of("1.1", "1.2", "1.6", "2.2", "3.4", "7.26", "7.23", "7.25");
    private static final Pattern STATUS = Pattern.compile("(?<![\\w.])([245])\\.(\\d)\\.(\\d{1,3})(?!\\.?\\d)");
    private static final Pattern REPLY = Pattern.compile("(?<![\\d.#])([245])[0-9]{2}(?![\\d.])");

    private Reasons() {
    }

    private static void phrase(String reason, String regex) {
        PHRASES.merge(reason, Pattern.compile(regex, Pattern.CASE_INSENSITIVE),
                (a, b) -> Pattern.compile(a.pattern() + "|" + b.pattern(), Pattern.CASE_INSENSITIVE));
    }

    /**
     * The reason for a failure with this status code (may be null) and these texts, the remote
     * server's own words first: a phrase in an earlier text wins over one in a later text.
     */
    static String of(String status, String... texts) {
        String code = status == null ? null : status.substring(2);
        String byCode = code == null ? null : CODES.get(code);
        if (byCode != null && DECISIVE.contains(code)) {
            return byCode;
        }
        for (String t : texts) {
            String text = t == null ? "" : t.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Pattern> entry : PHRASES.entrySet()) {
                if (entry.getValue().matcher(text).find()) {
                    return entry.getKey();
                }
            }
        }
        if (byCode != null) {
            return byCode;
        }
        return status != null && status.startsWith("4") ? "expired" : "undefined";
    }

    /** Sisimai's hard bounce: the address or its domain is gone, or a permanent refusal of all mail. */
    static Kind kindOf(String reason, String status) {
        if (HARD.contains(reason) || "notaccept".equals(reason) && status != null && status.startsWith("5")) {
            return Kind.HARD;
        }
        return switch (reason) {
            case "feedback" -> Kind.COMPLAINT;
            case "vacation" -> Kind.AUTOREPLY;
            case "delivered", "delayed" -> Kind.NONE;
            default -> Kind.SOFT;
        };
    }

    /** The first enhanced status code (RFC 3463) in the text, or null. */
    static String statusIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = STATUS.matcher(text);
        return m.find() ? m.group() : null;
    }

    /** A status code from a bare SMTP reply code (550 → 5.0.0), when the text has no enhanced one. */
    static String statusFromReply(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = REPLY.matcher(text);
        return m.find() ? m.group(1) + ".0.0" : null;
    }
}
