package org.paperboy.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * HTTP Basic (RFC 7617) against the one configured user. The credentials are compared as SHA-256
 * digests with {@link MessageDigest#isEqual}, in constant time and without leaking their length.
 */
final class BasicAuth {

    static final String CHALLENGE = "Basic realm=\"Paperboy admin\", charset=\"UTF-8\"";

    private final byte[] expected;

    BasicAuth(String username, String password) {
        this.expected = sha256(username + ":" + password);
    }

    /** True when the Authorization header carries the right user and password. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String given;
        try {
            given = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(given));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
