package org.paperboy.admin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.paperboy.web.Mounted;

/**
 * Cross-site request forgery protection for the admin forms, without a session: each form carries
 * a token that is an HMAC (key made at start-up) of the Basic credentials that loaded the page, the
 * action and the reader it acts on, and the time it was made; it is good for an hour. A POST must
 * also come from this site: its Sec-Fetch-Site, when sent, is same-origin; else its Origin, when
 * sent, is this host or the public base URL. A client that sends neither (curl) has the token alone.
 */
final class Csrf {

    static final long VALID_SECONDS = 3600;

    private final SecretKeySpec key;
    private final String publicOrigin;
    private final Clock clock;

    Csrf(String publicBaseUrl, Clock clock) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.publicOrigin = origin(publicBaseUrl);
        this.clock = clock;
    }

    String token(String authorization, String action, long readerId) {
        long issued = clock.millis() / 1000;
        return issued + "." + mac(authorization, action, readerId, issued);
    }

    boolean valid(String token, String authorization, String action, long readerId) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long issued;
        try {
            issued = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        long age = clock.millis() / 1000 - issued;
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] wanted = mac(authorization, action, readerId, issued).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, wanted) && age >= 0 && age <= VALID_SECONDS;
    }

    /**
     * True unless the browser says the request came from another site. Sec-Fetch-Site, which every
     * current browser sends, decides when present; else the Origin must be ours. Under the pages'
     * Referrer-Policy no-referrer, browsers send "Origin: null" on form posts, which only
     * Sec-Fetch-Site can vouch for.
     */
    boolean sameSite(Mounted.Request request) {
        String site = request.header("Sec-Fetch-Site");
        if (site != null) {
            return site.equalsIgnoreCase("same-origin");
        }
        String origin = request.header("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.header("Host");
        String given = origin(origin);
        return given != null && (given.equals(publicOrigin) || host != null && given.endsWith("://" + host.toLowerCase(Locale.ROOT)));
    }

    private String mac(String authorization, String action, long readerId, long issued) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(BasicAuth.sha256(authorization == null ? "" : authorization));
            mac.update(("|" + action + "|" + readerId + "|" + issued).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256 in this JVM", e);
        }
    }

    /** scheme://host[:port], lower-cased; null when not a URL. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return (uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
