package org.paperboy.mail;

import java.util.Locale;

/** How the connection to the SMTP server is secured ({@code smtp.security}). */
public enum Security {
    /** Plaintext: only for a relay on the same host or a trusted network. */
    NONE,
    /** Plaintext first, then TLS after STARTTLS (port 587); the server must offer it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, port 465). */
    SSL;

    /** As written in the config. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named in the config (case and surrounding blanks aside); refused with the value named otherwise. */
    static Security parse(String value) {
        for (Security s : values()) {
            if (s.key().equalsIgnoreCase(value.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("smtp.security must be none, starttls or ssl, got \"" + value + "\"");
    }
}
