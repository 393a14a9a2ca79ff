package org.paperboy.delivery;

/**
 * The {@code smtp} section of the config. With no host, mail is written to the outbox folder
 * instead of sent, which is the embedded default. The password is best given in the
 * environment ({@code PAPERBOY_SMTP_PASSWORD}) and is never logged.
 */
public record SmtpConfig(String host, Integer port, String username, String password) {

    public static final SmtpConfig DEFAULTS = new SmtpConfig(null, null, null, null);

    public SmtpConfig {
        host = host == null || host.isBlank() ? null : host.strip();
        port = port == null ? 587 : port;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp.port must be between 1 and 65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return "SmtpConfig[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null ? "unset" : "***") + "]";
    }
}
