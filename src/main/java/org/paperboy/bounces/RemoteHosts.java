package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reasons of their own for a few remote hosts, after Sisimai::Rhost: Google, Exchange Online, Orange and
 * La Poste, Cox, Spectrum, i.ua, KDDI (au), NTT docomo and Tencent QQ answer with codes and words that their
 * tables (sisimai-rhosts.tsv) name. The host is the Remote-MTA of the report, else the recipient's domain.
 */
final class RemoteHosts {

    private static final Map<String, Pattern> HOSTS = new LinkedHashMap<>();

    static {
        HOSTS.put("cox", Pattern.compile("cox\\.net"));
        HOSTS.put("exchangeonline", Pattern.compile("\\.(?:prod|protection)\\.outlook\\.com$"));
        HOSTS.put("franceptt", Pattern.compile("\\b(?:laposte\\.net|(?:orange|wanadoo)\\.fr)$"));
        HOSTS.put("googleapps", Pattern.compile("(?:aspmx|gmail-smtp-in)\\.l\\.google\\.com$"));
        HOSTS.put("iua", Pattern.compile("\\.email\\.ua$"));
        HOSTS.put("kddi", Pattern.compile("\\.(?:ezweb\\.ne\\.jp|au\\.com)$"));
        HOSTS.put("nttdocomo", Pattern.compile("mfsmax\\.docomo\\.ne\\.jp$"));
        HOSTS.put("spectrum", Pattern.compile("charter\\.net"));
        HOSTS.put("tencentqq", Pattern.compile("mx[0-9]+\\.qq\\.com$"));
    }

    private static final Map<String, List<String[]>> TABLES = load();
    private static final Pattern CLEAN = Pattern.compile("[\\[\\]()]");
    private static final Pattern VALID_STATUS = Pattern.compile("[245]\\.\\d\\.\\d+");
    private static final Pattern COX_CODE = Pattern.compile("AUP#([0-9A-Z]+)");
    private static final Pattern SPECTRUM_CODE = Pattern.compile("AUP#[-A-Za-z]*(\\d{4})");
    private static final Pattern IUA_CODE = Pattern.compile("\\.i\\.ua/err/(\\d+)");
    private static final Pattern FRANCE_CODE = Pattern.compile("(?i)\\b(LPN|LPNAAA|OFR|OUK)(_[0-9]{3}|[0-9]{3}[-_][0-9]{3})\\b");
    private static final Pattern DOCOMO = Pattern.compile("552 too much mail data|552 too many recipients|503 bad sequence of commands"
            + "|504 command parameter not implemented");

    private RemoteHosts() {
    }

    /** The reason this delivery's remote host gives by its own codes and words, or "" when it has none. */
    static String reason(Delivery d) {
        String host = host(d.rhost);
        String module = module(host);
        if (module == null && d.recipient != null && d.recipient.indexOf('@') > 0) {
            module = module(d.recipient.substring(d.recipient.indexOf('@') + 1));
        }
        return module == null ? "" : reason(module, d);
    }

    /** Sisimai's clean-up of the host: brackets gone, what follows "=", the first word, no trailing dot. */
    private static String host(String rhost) {
        String h = CLEAN.matcher(rhost == null ? "" : rhost).replaceAll("").replaceAll("^.+=", "").strip();
        h = h.split("\\s+", 2)[0];
        return (h.endsWith(".") ? h.substring(0, h.length() - 1) : h).toLowerCase(Locale.ROOT);
    }

    private static String module(String host) {
        if (host.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, Pattern> e : HOSTS.entrySet()) {
            if (e.getValue().matcher(host).find()) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String reason(String module, Delivery d) {
        String diagnosis = d.diagnosis;
        String lower = Reasons.lower(diagnosis);
        List<String[]> table = TABLES.getOrDefault(module, List.of());
        switch (module) {
            case "cox" -> {
                Matcher m = COX_CODE.matcher(diagnosis);
                String byCode = m.find() ? lookup(table, "errorcodes", m.group(1)) : "";
                return !byCode.isEmpty() ? byCode : first(table, "messagesof", r -> diagnosis.contains(r[3]), 2);
            }
            case "exchangeonline" -> {
                if (!d.reason.isEmpty() || diagnosis.isEmpty() || !VALID_STATUS.matcher(d.status).matches()) {
                    return d.reason;
                }
                int third = Integer.parseInt(d.status.substring(d.status.lastIndexOf('.') + 1));
                return first(table, "messagesof", r -> {
                    int lo = Integer.parseInt(r[4]);
                    int hi = Integer.parseInt(r[5]);
                    boolean code = lo == hi ? d.status.equals(r[3]) : d.status.contains(r[3]) && third >= lo && third <= hi;
                    return code && lower.contains(r[6]);
                }, 2);
            }
            case "franceptt" -> {
                if (!d.reason.isEmpty()) {
                    return d.reason;
                }
                Matcher m = FRANCE_CODE.matcher(diagnosis);
                if (!m.find()) {
                    return "";
                }
                String code = (m.group(1) + m.group(2)).replaceAll(".*(\\d{3})$", "$1");
                String r = lookup(table, "errorcodes", code);
                return r.isEmpty() ? "undefined" : r;
            }
            case "googleapps" -> {
                if (!d.reason.isEmpty()) {
                    return d.reason;
                }
                if (d.replycode.length() < 3 || diagnosis.isEmpty() || !VALID_STATUS.matcher(d.status).matches()) {
                    return "";
                }
                String reply = d.replycode.substring(1, 3);
                String status = d.status.substring(2);
                return first(table, "messagesof", r -> lower.contains(r[5]) && r[3].indexOf(reply) > 0 && r[4].indexOf(status) > 1, 2);
            }
            case "iua" -> {
                Matcher m = IUA_CODE.matcher(lower);
                return m.find() ? lookup(table, "errorcodes", m.group(1)) : "";
            }
            case "kddi" -> {
                return first(table, "messagesof", r -> diagnosis.contains(r[3]), 2);
            }
            case "nttdocomo" -> {
                return docomo(d, lower);
            }
            case "spectrum" -> {
                Matcher m = SPECTRUM_CODE.matcher(diagnosis);
                int code = m.find() ? Integer.parseInt(m.group(1)) : 0;
                String byCode = lookup(table, "errorcodes", String.valueOf(code));
                return !byCode.isEmpty() ? byCode : first(table, "coderanges",
                        r -> code >= Integer.parseInt(r[2]) && code <= Integer.parseInt(r[3]), 4);
            }
            case "tencentqq" -> {
                return first(table, "messagesof", r -> lower.contains(r[2]), 3);
            }
            default -> {
                return "";
            }
        }
    }

    private static String docomo(Delivery d, String lower) {
        if (d.status.equals("5.1.1") || d.status.equals("5.0.911")) {
            return "userunknown";
        } else if (d.status.equals("5.2.0")) {
            return "filtered";
        }
        Matcher m = DOCOMO.matcher(lower);
        if (m.find()) {
            return m.group().startsWith("552 too much") ? "mailboxfull" : m.group().startsWith("552") ? "toomanyconn" : "syntaxerror";
        }
        if (d.status.equals("5.0.0")) {
            return d.command.equals("RCPT") ? "userunknown" : d.command.equals("DATA") ? "rejected" : "";
        }
        return "";
    }

    private static String lookup(List<String[]> table, String name, String key) {
        return first(table, name, r -> r[2].equals(key), 3);
    }

    /** The field at {@code at} of the first entry of the named table that matches; "" if none does. */
    private static String first(List<String[]> table, String name, java.util.function.Predicate<String[]> matches, int at) {
        for (String[] r : table) {
            if (r[1].equals(name) && r.length > at && matches.test(r)) {
                return r[at];
            }
        }
        return "";
    }

    private static Map<String, List<String[]>> load() {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        for (String[] row : ReasonTables.lines("sisimai-rhosts.tsv", -1)) {
            tables.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
        }
        return tables;
    }
}
