package org.paperboy.subscribers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens in Paperboy's links. Confirmation tokens are random (192 bits from SecureRandom),
 * stored only as a SHA-256 hash, used once. Unsubscribe and preference links carry the
 * subscriber's id and an HMAC-SHA256 signature made with the configured secret, so they need no
 * storage and cannot be forged or moved to another subscriber or purpose. A confirmation token
 * waiting in the mail queue is kept {@link #seal sealed}: AES-256-GCM under a key derived from the
 * secret, bound to its subscriber, so the queue table alone holds no working link.
 */
public final class Tokens {

    /** What a signed link is for; a token signed for one purpose is refused for the other. */
    public enum Purpose { UNSUBSCRIBE, PREFERENCES, BOUNCE, VOTE }

    /** What a vote link was signed for: this reader, this paper. */
    public record VoteToken(long readerId, String paperId) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int SIGNATURE_BYTES = 16;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int NONCE_BYTES = 12;
    private final SecureRandom random = new SecureRandom();
    private final byte[] secret;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

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

    /**
     * A vote link's token for this reader and paper: {@code <id>.<paper id, base64url>.<signature>};
     * one token serves "More like this" and "Fewer like this" (the path says which).
     */
    public String signVote(long readerId, String paperId) {
        return readerId + "." + B64.encodeToString(paperId.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(mac(Purpose.VOTE, readerId + ":" + paperId));
    }

    /** The reader and paper a vote token was signed for, or empty when it is malformed or tampered with. */
    public java.util.Optional<VoteToken> verifyVote(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 18) {
            return java.util.Optional.empty();
        }
        try {
            long id = Long.parseLong(parts[0]);
            String paperId = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
            byte[] given = B64D.decode(parts[2]);
            return id > 0 && !paperId.isEmpty() && MessageDigest.isEqual(given, mac(Purpose.VOTE, id + ":" + paperId))
                    ? java.util.Optional.of(new VoteToken(id, paperId)) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The token encrypted for the mail queue, for this subscriber only: {@code base64url(nonce || ciphertext+tag)}. */
    public String seal(String token, long subscriberId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = sealer(Cipher.ENCRYPT_MODE, nonce, subscriberId);
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return B64.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /** The token {@link #seal} sealed for this subscriber; empty when it was sealed with another secret, for another subscriber, or altered. */
    public Optional<String> unseal(String sealed, long subscriberId) {
        try {
            byte[] in = B64D.decode(sealed);
            if (in.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
            Cipher cipher = sealer(Cipher.DECRYPT_MODE, nonce, subscriberId);
            return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private Cipher sealer(int mode, byte[] nonce, long subscriberId) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] key = mac.doFinal("paperboy mail queue seal v1".getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(("confirmation:" + subscriberId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private byte[] mac(Purpose purpose, long id) {
        return mac(purpose, Long.toString(id));
    }

    private byte[] mac(Purpose purpose, String payload) {
        byte[] full = macs.get().doFinal((purpose.name() + ":" + payload).getBytes(StandardCharsets.UTF_8));
        byte[] cut = new byte[SIGNATURE_BYTES];
        System.arraycopy(full, 0, cut, 0, SIGNATURE_BYTES);
        return cut;
    }

    /** A keyed HMAC per thread: a mail of 25 papers signs 25 vote links, and keying a Mac costs more than using it. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
