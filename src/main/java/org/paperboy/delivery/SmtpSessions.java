package org.paperboy.delivery;

import jakarta.mail.Session;
import java.util.Properties;

/** The Jakarta Mail session for a config: timeouts always set, since the default is to wait forever. */
final class SmtpSessions {

    private SmtpSessions() {
    }

    static Session create(SmtpConfig config) {
        String protocol = config.security().equals("ssl") ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", config.host() == null ? "localhost" : config.host());
        p.put("mail." + protocol + ".port", String.valueOf(config.port()));
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(config.connectTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".timeout", String.valueOf(config.readTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(config.writeTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".auth", String.valueOf(config.username() != null));
        p.put("mail." + protocol + ".from", config.fromAddress());
        p.put("mail.mime.allowutf8", "false");
        if (config.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!config.security().equals("none")) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return Session.getInstance(p);
    }
}
