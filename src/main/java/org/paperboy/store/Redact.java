package org.paperboy.store;

import java.util.regex.Pattern;

/** Takes secrets out of what is printed: a password inside a JDBC URL is never shown. */
public final class Redact {

    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*:)[^@/]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&;]*");

    private Redact() {
    }

    /** The URL with any password in it replaced by {@code ***}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1***@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1***");
    }
}
