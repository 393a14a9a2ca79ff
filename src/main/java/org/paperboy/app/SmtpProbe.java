package org.paperboy.app;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperboy.mail.RelayProbe;
import org.paperboy.mail.Security;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.TlsFailure;

/**
 * {@code check}'s look at the SMTP server: the TCP connection, then the session the sender opens,
 * made by the sender's own session factory (EHLO, STARTTLS when configured, AUTH when a username is
 * set, the configured timeouts), a few NOOPs for the relay's round trip, then QUIT. No message is
 * sent. Passwords never appear in what it reports.
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

    /** NOOPs asked for the relay's round trip; the median is reported. */
    static final int NOOPS = 5;

    /**
     * The session as the sender opens it, through the sender's own session factory ({@link SmtpMailer}):
     * the same TLS, trust, AUTH and timeouts. The key of the item says what failed.
     */
    private static List<CheckItem> transport(SmtpConfig smtp) {
        SmtpMailer mailer;
        try {
            mailer = new SmtpMailer(smtp);
        } catch (IllegalArgumentException e) {
            return List.of(CheckItem.fail(String.valueOf(e.getMessage()).startsWith("smtp.caFile") ? "smtp.caFile" : "smtp.fromAddress",
                    e.getMessage()));
        }
        try {
            RelayProbe relay = mailer.probe(NOOPS);
            boolean offersAuth = relay.offersAuth();
            CheckItem auth = smtp.username() == null
                    ? CheckItem.ok("smtp.username", "not set: no AUTH" + (offersAuth ? " (the server offers it)" : ""))
                    : offersAuth ? CheckItem.ok("smtp.username", "AUTH accepted for " + smtp.username())
                    : CheckItem.warn("smtp.username", "set, but the server offers no AUTH: it is not used");
            return List.of(security(smtp), auth, connections(smtp, relay));
        } catch (AuthenticationFailedException e) {
            return List.of(CheckItem.fail("smtp.password", "AUTH refused for " + smtp.username() + ": " + oneLine(e)));
        } catch (MessagingException e) {
            String message = oneLine(e);
            Throwable tls = TlsFailure.in(e);
            if (tls != null) {
                String step = smtp.securityMode() == Security.SSL ? "TLS" : "STARTTLS";
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

    /**
     * Connections planned above rate x round trips x round trip: a connection reached 55-75% of that
     * bound in {@code bench/connections.sh}, as each message also costs local time (encoding, TLS,
     * the data) and the relay's own time after the final dot, which a NOOP's round trip does not show.
     */
    static final double HEADROOM = 1.5;

    /**
     * The relay's round trip and PIPELINING, and the connections they call for: a connection waits a
     * round trip for each exchange, so connections = rate × round trips a message × round trip, and
     * {@link #HEADROOM} times that is suggested.
     */
    static CheckItem connections(SmtpConfig smtp, RelayProbe relay) {
        int have = smtp.connections();
        String seen = String.format(Locale.ROOT, "relay round trip %.1f ms (median of %d NOOPs); %s: %d round trips a message; "
                        + "%d connection%s carry at most %.0f msg/s", relay.roundTripMillis(), NOOPS,
                relay.pipelining() ? "PIPELINING offered" : "no PIPELINING", relay.roundTripsPerMessage(), have, have == 1 ? "" : "s",
                relay.ceiling(have));
        double rate = smtp.ratePerSecond();
        if (rate > 0) {
            int need = relay.connectionsFor(rate);
            int planned = relay.connectionsFor(rate * HEADROOM);
            String advice = String.format(Locale.ROOT, "; smtp.ratePerSecond %s needs %d (rate x round trips x round trip), "
                            + "%d with headroom for each message's own time",
                    rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate), need, planned);
            return need > have ? CheckItem.warn("smtp.connections", seen + advice + ": raise smtp.connections to " + planned)
                    : CheckItem.ok("smtp.connections", seen + advice);
        }
        return CheckItem.ok("smtp.connections", seen + String.format(Locale.ROOT,
                "; for a relay's quota of R msg/s set smtp.ratePerSecond to R and smtp.connections to %.1f x R x %d x %.4f s "
                        + "(e.g. 100 msg/s: %d)", HEADROOM, relay.roundTripsPerMessage(), relay.roundTripMillis() / 1000,
                relay.connectionsFor(100 * HEADROOM)));
    }

    /** A local relay without TLS (a Postfix on loopback) is a normal set-up: a note, not a failure. */
    private static CheckItem security(SmtpConfig smtp) {
        return switch (smtp.securityMode()) {
            case STARTTLS -> CheckItem.ok("smtp.security", "STARTTLS negotiated");
            case SSL -> CheckItem.ok("smtp.security", "TLS from the first byte (SMTPS)");
            case NONE -> isLoopback(smtp.host())
                    ? CheckItem.note("smtp.security", "none: handing mail to a relay on loopback without TLS; the relay encrypts onwards")
                    : CheckItem.warn("smtp.security", "none: mail and any password travel unencrypted to " + smtp.host());
        };
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
