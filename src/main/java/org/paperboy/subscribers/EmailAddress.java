package org.paperboy.subscribers;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/**
 * Checks and normalises addresses: strict RFC 5322 as jakarta.mail's {@link InternetAddress}
 * reads it, a bare address (no display name, no group), at most 254 characters, the domain
 * lower-cased. Everything a person types is untrusted: a CR or LF never gets through.
 */
public final class EmailAddress {

    static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    /** The normalised address, or an {@link InvalidAddressException} saying what is wrong with it. */
    public static String normalise(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidAddressException("an email address is required");
        }
        String raw = input.strip();
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidAddressException("\"" + printable(raw) + "\" holds control characters");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidAddressException("\"" + printable(raw.substring(0, 40)) + "…\" is longer than " + MAX_LENGTH + " characters");
        }
        try {
            InternetAddress parsed = new InternetAddress(raw, true);
            parsed.validate();
            if (parsed.getPersonal() != null || parsed.isGroup() || !parsed.getAddress().equals(raw)) {
                throw new InvalidAddressException("\"" + raw + "\" is not a bare email address");
            }
        } catch (AddressException e) {
            throw new InvalidAddressException("\"" + printable(raw) + "\" is not a valid email address (" + e.getMessage() + ")");
        }
        int at = raw.lastIndexOf('@');
        if (at < 1 || raw.indexOf('.', at) < 0) {
            throw new InvalidAddressException("\"" + raw + "\" needs a domain with a dot, such as example.org");
        }
        return raw.substring(0, at + 1) + raw.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The key uniqueness is decided on: the whole address in lower case. */
    static String key(String normalised) {
        return normalised.toLowerCase(Locale.ROOT);
    }

    static void check(String email) {
        if (email == null || email.length() > MAX_LENGTH || email.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("not a stored email address");
        }
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** An address that cannot be used, with the reason. */
    public static final class InvalidAddressException extends org.paperboy.PaperboyException {
        public InvalidAddressException(String message) {
            super(message);
        }
    }
}
