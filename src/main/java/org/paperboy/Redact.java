package org.paperboy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
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

    /** The secret values of the loaded config, masked in every text: a driver may quote them anywhere. */
    private static final Set<String> KNOWN = new CopyOnWriteArraySet<>();

    private Redact() {
    }

    /**
     * Remembers secret values so that {@link #text} masks them wherever they appear. (Values under six
     * characters are not: masking them would garble ordinary words; URL patterns still catch them.)
     */
    public static void remember(String... secrets) {
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 6) {
                KNOWN.add(secret);
            }
        }
    }

    /** Remembers the passwords inside a URL (user info or parameters), not the URL itself. */
    public static void rememberUrl(String url) {
        if (url != null) {
            remember(secretsIn(url).toArray(String[]::new));
        }
    }

    /** The passwords a URL carries, in its user info or as parameters. */
    static List<String> secretsIn(String url) {
        List<String> found = new ArrayList<>();
        for (Pattern p : List.of(USER_INFO, PARAMETER)) {
            Matcher m = p.matcher(url);
            while (m.find()) {
                String whole = m.group();
                String value = p == USER_INFO ? whole.substring(m.group(1).length() + 1, whole.length() - 1)
                        : whole.substring(m.group(1).length());
                if (value.length() >= 4) {
                    found.add(value);
                }
            }
        }
        return found;
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
        for (String secret : KNOWN) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
