package org.paperboy.bounces;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding mail addresses in untrusted text. */
final class Addresses {

    static final String ADDR = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{1,}";
    private static final Pattern ANY = Pattern.compile("(?<![A-Za-z0-9.+_-])" + ADDR);
    private static final Pattern DAEMON = Pattern.compile(
            "(?i)^(?:mailer-daemon|postmaster|mail-daemon|mailer|maildaemon|daemon|bounces?|root|noreply|no-reply|nobody)@.*");

    private Addresses() {
    }

    /** Every address in the text, lower case, in order. */
    static List<String> all(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher m = ANY.matcher(text);
        while (m.find()) {
            found.add(clean(m.group()));
        }
        return found;
    }

    /** The first address in the text, or null. */
    static String first(String text) {
        List<String> all = all(text);
        return all.isEmpty() ? null : all.get(0);
    }

    static String clean(String address) {
        String a = address.strip();
        while (a.startsWith(".") || a.startsWith("'")) {
            a = a.substring(1);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /** Mailer-daemon, postmaster and the like: senders of bounces, never the failed recipient. */
    static boolean isDaemon(String address) {
        return DAEMON.matcher(address).matches();
    }
}
