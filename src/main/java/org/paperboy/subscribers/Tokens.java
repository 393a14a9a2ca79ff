package org.paperboy.subscribers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens in Paperboy's links. Confirmation tokens are random (192 bits from SecureRandom),
 * stored only as a SHA-256 hash, used once. Unsubscribe and preference links carry the
 * subscriber's id and an HMAC-SHA256 signature made with the configured secret, so they need no
 * storage and cannot be forged or moved to another subscriber or purpose.
 */
public final class Tokens {

    /** What a signed link is for; a token signed for one purpose is refused for the other. */
    public enum Purpose { UNSUBSCRIBE, PREFERENCES, BOUNCE }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int SIGNATURE_BYTES = 16;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private final SecureRandom random = new SecureRandom();
    private final byte[] secret;

    public Tokens(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the token secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A new random confirmation token; store only its {@link #hash}. */
    public String newConfirmationToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A link token for this subscriber and purpose: {@code <id>.<signature>}. */
    public String sign(Purpose purpose, long subscriberId) {
        return subscriberId + "." + B64.encodeToString(mac(purpose, subscriberId));
    }

    /** The subscriber id a token was signed for, or empty when it is malformed, tampered with or for another purpose. */
    public OptionalLong verify(Purpose purpose, String token) {
        if (token == null || token.length() > 64) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(token.substring(0, dot));
            byte[] given = B64D.decode(token.substring(dot + 1));
            return id > 0 && MessageDigest.isEqual(given, mac(purpose, id)) ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The signature of a returned-mail address (VERP) for one delivery: 60 bits of the HMAC as 12
     * lower-case base32 characters, because mail systems may lower-case an address's local part.
     */
    public String bounceSignature(String delivery) {
        byte[] mac = mac(Purpose.BOUNCE, delivery);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (mac[i] & 0xff);
        }
        StringBuilder s = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            s.append(BASE32.charAt((int) (bits >>> (59 - 5 * i)) & 31));
        }
        return s.toString();
    }

    private byte[] mac(Purpose purpose, long id) {
        return mac(purpose, Long.toString(id));
    }

    private byte[] mac(Purpose purpose, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] full = mac.doFinal((purpose.name() + ":" + payload).getBytes(StandardCharsets.UTF_8));
            byte[] cut = new byte[SIGNATURE_BYTES];
            System.arraycopy(full, 0, cut, 0, SIGNATURE_BYTES);
            return cut;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
