package org.paperboy;

import java.util.regex.Pattern;

/**
 * Masks secrets in text that may be printed or logged: the password of a URL's user info
 * ({@code postgresql://user:pass@host}), password-like parameters ({@code ?password=...},
 * {@code ;PASSWORD=...}, {@code sslpassword=...}), and any known secret value given. Every error
 * message that quotes a URL or a driver's words goes through here.
 */
public final class Redact {

    static final String MASK = "***";
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@\\s:]*):[^@\\s/]+@");
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)([a-z_.-]*(?:password|passwd|pwd|secret)\\s*=)[^&;\\s\"',)]*");

    private Redact() {
    }

    /** The text with URL passwords, password parameters and each of the given secret values masked. */
    public static String text(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String masked = PARAMETER.matcher(USER_INFO.matcher(text).replaceAll("$1:" + MASK + "@")).replaceAll("$1" + MASK);
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
