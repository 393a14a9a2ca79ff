package org.paperboy.app;

import org.paperboy.ConfigException;
import org.paperboy.digest.EmailConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --local-trial}: real SMTP to a mail catcher on this machine (Mailpit, smtp4dev, Python's
 * aiosmtpd), with links that work. It only starts when {@code smtp.host} is a loopback address, so no
 * mail can reach a reader; the links in mail then lead to the pages {@code serve} answers on
 * {@code http://web.host:web.port} (loopback too), whatever {@code email.publicBaseUrl} says. The
 * sender identity items that would refuse real mail become notes, and every start says so loudly.
 */
final class LocalTrial {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTrial.class);

    private LocalTrial() {
    }

    /** The option, for the commands that mail or serve ({@code send}, {@code serve}, {@code subscribe}, {@code run}, {@code check}). */
    static final class Switch {

        @Option(names = "--local-trial", description = "Try real mail with a mail catcher on loopback (smtp.host must be 127.0.0.1,"
                + " ::1 or localhost): links in mail lead to http://web.host:web.port, and the sender identity is not required.")
        boolean on;

        boolean on() {
            return on;
        }

        /** The config as the trial runs it, or unchanged without the switch. */
        PaperboyConfig apply(PaperboyConfig config) {
            return on ? LocalTrial.apply(config) : config;
        }
    }

    /**
     * The config with the links in mail pointed at the local pages.
     *
     * @throws ConfigException when the relay or the pages are not on loopback
     */
    static PaperboyConfig apply(PaperboyConfig config) {
        String relay = config.smtp().host();
        if (relay == null || !loopback(relay)) {
            throw new ConfigException("--local-trial needs smtp.host on loopback (a mail catcher such as Mailpit on 127.0.0.1:1025), got "
                    + (relay == null ? "none (mail goes to the outbox folder)" : "\"" + relay + "\"")
                    + ": it never mails through a real server");
        }
        String host = config.web().host();
        if (!loopback(host) || config.web().port() == 0) {
            throw new ConfigException("--local-trial serves the pages on loopback at a fixed port: web.host must be 127.0.0.1, ::1 or"
                    + " localhost and web.port not 0, got " + host + ":" + config.web().port());
        }
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.web().port();
        LOG.warn("LOCAL TRIAL: mail goes only to the catcher at {}:{}; links in mail lead to {} (not email.publicBaseUrl {});"
                + " the sender identity is not required. Never use --local-trial for real readers.",
                relay, config.smtp().port(), base, config.email().publicBaseUrl());
        EmailConfig e = config.email();
        EmailConfig email = new EmailConfig(e.templates(), e.subject(), e.listName(), e.senderName(), e.postalAddress(), base);
        return new PaperboyConfig(config.papers(), config.ranking(), config.digest(), email, config.smtp(), config.delivery(),
                config.database(), config.tokens(), config.web(), config.schedule(), config.logging(), config.bounces(), config.admin(),
                config.retention());
    }

    /** A loopback name or address; not the wildcard ({@code 0.0.0.0}, {@code ::}), which listens on every interface. */
    private static boolean loopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return SenderIdentity.isLoopback(h) && !h.matches("0\\.0\\.0\\.0|\\[?::\\]?");
    }
}
