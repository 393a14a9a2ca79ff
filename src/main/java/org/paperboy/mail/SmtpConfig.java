package org.paperboy.mail;

import java.util.Locale;
import org.paperboy.ConfigRange;

/**
 * The {@code smtp} section of the config. With no host, mail is written to the outbox folder
 * instead of sent, which is the embedded default. The password is best given in the
 * environment ({@code PAPERBOY_SMTP_PASSWORD}) and is never logged.
 *
 * @param security        none, starttls or ssl
 * @param envelopeSender  the SMTP MAIL FROM; {@code {verp}} in it becomes the recipient's
 *                        address with @ as = (VERP), e.g. {@code bounces+{verp}@example.org}
 * @param connections     parallel SMTP connections, each reused for many messages
 * @param ratePerSecond   messages per second over all connections at most; 0 for no limit
 * @param messagesPerConnection messages sent over one connection before it is renewed
 * @param caFile          a PEM file of the certificates trusted for the server's TLS (a private CA),
 *                        instead of the JVM's CAs; empty for the JVM's
 */
public record SmtpConfig(String host, Integer port, String security, String username, String password,
                         Integer connectTimeoutSeconds, Integer readTimeoutSeconds, Integer writeTimeoutSeconds,
                         String fromAddress, String fromName, String replyTo, String envelopeSender,
                         Integer connections, Double ratePerSecond, Integer messagesPerConnection, String outbox,
                         String caFile) {

    public static final SmtpConfig DEFAULTS = new SmtpConfig(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    public SmtpConfig {
        host = blankToNull(host);
        security = (security == null || security.isBlank() ? Security.STARTTLS : Security.parse(security)).key();
        port = ConfigRange.within("smtp.port", port, security.equals(Security.SSL.key()) ? 465 : 587, 1, 65535);
        username = blankToNull(username);
        password = blankToNull(password);
        connectTimeoutSeconds = ConfigRange.atLeast("smtp.connectTimeoutSeconds", connectTimeoutSeconds, 10, 1);
        readTimeoutSeconds = ConfigRange.atLeast("smtp.readTimeoutSeconds", readTimeoutSeconds, 30, 1);
        writeTimeoutSeconds = ConfigRange.atLeast("smtp.writeTimeoutSeconds", writeTimeoutSeconds, 30, 1);
        fromAddress = fromAddress == null || fromAddress.isBlank() ? "paperboy@localhost.localdomain" : fromAddress.strip();
        fromName = fromName == null || fromName.isBlank() ? "Paperboy" : fromName.strip();
        replyTo = blankToNull(replyTo);
        envelopeSender = blankToNull(envelopeSender);
        connections = ConfigRange.atLeast("smtp.connections", connections, 4, 1);
        ratePerSecond = ratePerSecond == null ? 0.0 : ratePerSecond;
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("smtp.ratePerSecond must not be negative, got " + ratePerSecond);
        }
        messagesPerConnection = ConfigRange.atLeast("smtp.messagesPerConnection", messagesPerConnection, 1000, 1);
        outbox = outbox == null || outbox.isBlank() ? "out/outbox" : outbox.strip();
        caFile = blankToNull(caFile);
        if (caFile != null) {
            SmtpTrust.certificates(caFile);   // a missing or unreadable file is a config error, not a failed send
        }
        for (String header : new String[] {fromAddress, fromName, replyTo == null ? "" : replyTo, envelopeSender == null ? "" : envelopeSender}) {
            if (header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("smtp sender fields (fromAddress, fromName, replyTo, envelopeSender) must be one line");
            }
        }
    }

    /** {@link #security()} as the enum it is one of. */
    public Security securityMode() {
        return Security.parse(security);
    }

    /** The domain of the From address, used for Message-IDs and the List-Id. */
    public String domain() {
        int at = fromAddress.lastIndexOf('@');
        return at < 0 ? "localhost" : fromAddress.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "SmtpConfig[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                + ", password=" + (password == null ? "unset" : "***") + ", from=" + fromAddress
                + (caFile == null ? "" : ", caFile=" + caFile) + "]";
    }
}
