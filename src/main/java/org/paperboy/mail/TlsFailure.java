package org.paperboy.mail;

import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Tells a failed TLS set-up (a handshake, the server's certificate or name, STARTTLS refused or not
 * offered) from a server that cannot be reached, by the exception's causes: the operator's fix
 * differs (smtp.caFile or smtp.security rather than smtp.host).
 */
public final class TlsFailure {

    private TlsFailure() {
    }

    /** The cause that shows TLS failed, or null when none does. */
    public static Throwable in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return t;
            }
            // Angus reports these without an SSLException: its own check of the server's name, and STARTTLS missing or refused
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("verify identity of server") || message.contains("starttls is required")
                    || message.contains("convert socket to tls")) {
                return t;
            }
        }
        return null;
    }
}
