package org.paperboy.app;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.paperboy.delivery.SmtpConfig;
import org.paperboy.delivery.SmtpTrust;
import org.paperboy.delivery.TlsFailure;

/**
 * {@code check}'s look at the SMTP server: the TCP connection, then the session the sender would
 * open (EHLO, STARTTLS when configured, AUTH when a username is set), each with the configured
 * timeouts, then QUIT. No message is sent. Passwords never appear in what it reports.
 */
final class SmtpProbe {

    private SmtpProbe() {
    }

    static List<CheckItem> check(SmtpConfig smtp) {
        List<CheckItem> items = new ArrayList<>();
        if (smtp.host() == null) {
            items.add(CheckItem.ok("smtp.host", "not set: mail is written to the outbox folder " + smtp.outbox() + " (nothing is sent)"));
            return items;
        }
        String where = smtp.host() + ":" + smtp.port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(smtp.host(), smtp.port()), smtp.connectTimeoutSeconds() * 1000);
            items.add(CheckItem.ok("smtp.host", "connected to " + where));
        } catch (IOException e) {
            items.add(CheckItem.fail("smtp.host", "cannot connect to " + where + ": " + e.getMessage()));
            return items;
        }
        items.addAll(transport(smtp));
        return items;
    }

    /** The session as the sender opens it; the key of the item says what failed. */
    private static List<CheckItem> transport(SmtpConfig smtp) {
        Session session;
        try {
            session = Session.getInstance(properties(smtp));
        } catch (IllegalArgumentException e) {
            return List.of(CheckItem.fail("smtp.caFile", e.getMessage()));
        }
        try (Transport transport = session.getTransport()) {
            transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
            boolean offersAuth = transport instanceof SMTPTransport t && t.supportsExtension("AUTH");
            CheckItem auth = smtp.username() == null
                    ? CheckItem.ok("smtp.username", "not set: no AUTH" + (offersAuth ? " (the server offers it)" : ""))
                    : offersAuth ? CheckItem.ok("smtp.username", "AUTH accepted for " + smtp.username())
                    : CheckItem.warn("smtp.username", "set, but the server offers no AUTH: it is not used");
            return List.of(security(smtp), auth);
        } catch (AuthenticationFailedException e) {
            return List.of(CheckItem.fail("smtp.password", "AUTH refused for " + smtp.username() + ": " + oneLine(e)));
        } catch (MessagingException e) {
            String message = oneLine(e);
            Throwable tls = TlsFailure.in(e);
            if (tls != null) {
                String step = smtp.security().equals("ssl") ? "TLS" : "STARTTLS";
                return List.of(CheckItem.fail("smtp.security", step + " failed: " + message
                        + (tls == null ? "" : " (" + oneLine(innermost(tls)) + ")")
                        + (untrusted(tls) ? ": the server's certificate is not signed by a trusted CA"
                                + (smtp.caFile() == null ? "; for a private CA, set smtp.caFile to its certificate (PEM)"
                                        : " (smtp.caFile " + smtp.caFile() + ")") : "")));
            }
            return List.of(CheckItem.fail("smtp.host", "SMTP session with " + smtp.host() + ":" + smtp.port() + " failed: " + message));
        }
    }


    private static Throwable innermost(Throwable e) {
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                last = t;
            }
        }
        return last;
    }

    /** Whether no path leads from the server's certificate to a trusted CA (not a wrong name, nor a protocol error). */
    private static boolean untrusted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertPathBuilderException || t instanceof java.security.cert.CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    /** A local relay without TLS (a Postfix on loopback) is a normal set-up: a note, not a failure. */
    private static CheckItem security(SmtpConfig smtp) {
        return switch (smtp.security()) {
            case "starttls" -> CheckItem.ok("smtp.security", "STARTTLS negotiated");
            case "ssl" -> CheckItem.ok("smtp.security", "TLS from the first byte (SMTPS)");
            default -> isLoopback(smtp.host())
                    ? CheckItem.note("smtp.security", "none: handing mail to a relay on loopback without TLS; the relay encrypts onwards")
                    : CheckItem.warn("smtp.security", "none: mail and any password travel unencrypted to " + smtp.host());
        };
    }

    private static Properties properties(SmtpConfig smtp) {
        String protocol = smtp.security().equals("ssl") ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(smtp.connectTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".timeout", String.valueOf(smtp.readTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(smtp.writeTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".auth", String.valueOf(smtp.username() != null));
        if (smtp.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        SmtpTrust.apply(smtp, p, protocol);
        return p;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
