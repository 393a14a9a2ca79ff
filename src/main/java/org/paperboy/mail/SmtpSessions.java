package org.paperboy.mail;

import jakarta.mail.Session;
import jakarta.mail.util.StreamProvider;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;

/** The Jakarta Mail session for a config: timeouts always set, since the default is to wait forever. */
final class SmtpSessions {

    /** The system property Jakarta Mail reads its stream provider's class from, and Angus's provider. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_STREAMS = "org.eclipse.angus.mail.util.MailStreamProvider";

    /** For smtps only (TLS from the first byte): Angus's write timeout, with one timer thread for all connections. */
    private static final ScheduledExecutorService TLS_WRITE_TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtps-write-timeout");
        t.setDaemon(true);
        return t;
    });

    private SmtpSessions() {
    }

    /** The protocol Angus speaks for a config: smtps for TLS from the first byte, else smtp. */
    static String protocol(SmtpConfig config) {
        return config.securityMode() == Security.SSL ? "smtps" : "smtp";
    }

    static Session create(SmtpConfig config) {
        nameStreamProvider();
        String protocol = protocol(config);
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", config.host() == null ? "localhost" : config.host());
        p.put("mail." + protocol + ".port", String.valueOf(config.port()));
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(config.connectTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".timeout", String.valueOf(config.readTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".auth", String.valueOf(config.username() != null));
        p.put("mail." + protocol + ".from", config.fromAddress());
        p.put("mail.mime.allowutf8", "false");
        if (config.securityMode() != Security.SSL) {
            // plain and STARTTLS connections write through our sockets, whose write timeout one watchdog keeps
            p.put("mail.smtp.socketFactory", WriteWatchdog.socketFactory(config.writeTimeoutSeconds() * 1000L));
            p.put("mail.smtp.socketFactory.fallback", "false");
        } else {
            // for smtps Angus makes the plain socket itself (it never asks an SSL factory for one): its write timeout
            p.put("mail.smtps.writetimeout", String.valueOf(config.writeTimeoutSeconds() * 1000L));
            p.put("mail.smtps.executor.writetimeout", TLS_WRITE_TIMER);
        }
        if (config.securityMode() == Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        SmtpTrust.apply(config, p, protocol);
        if (config.securityMode() != Security.NONE) {
            // TLS layered by our factory: TCP_NODELAY under it, and the connection learns its TLS socket
            Object trusted = p.get("mail." + protocol + ".ssl.socketFactory");
            p.put("mail." + protocol + ".ssl.socketFactory", new TlsSockets(trusted instanceof SSLSocketFactory f
                    ? f : (SSLSocketFactory) SSLSocketFactory.getDefault()));
        }
        return Session.getInstance(p);
    }

    /**
     * Names Angus's stream provider, unless the operator named one, and checks Jakarta Mail loads it:
     * unnamed, Jakarta Mail 2.1 looks it up with a ServiceLoader scan of the class path for every
     * MIME part and every encoder (jakartaee/mail-api #699, #861).
     */
    static void nameStreamProvider() {
        String named = System.getProperty(STREAM_PROVIDER);
        if (named == null || named.isBlank()) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAMS);
            named = ANGUS_STREAMS;
        }
        String loaded;
        try {
            loaded = StreamProvider.provider().getClass().getName();
        } catch (RuntimeException e) {
            loaded = e.getMessage();
        }
        if (!named.equals(loaded)) {
            throw new DeliveryException("the system property " + STREAM_PROVIDER + " names " + named
                    + ", but Jakarta Mail cannot load it (" + loaded + ")", false, null);
        }
    }
}
