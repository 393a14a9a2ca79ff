package org.paperboy.web;

/**
 * The {@code web} section: where {@code serve} (and {@code run}, when enabled) listen. Links in
 * mails use {@code email.publicBaseUrl}, which points here through any proxy in front.
 *
 * @param maxRequestBytes request bodies larger than this are refused
 * @param postsPerIpPer10Minutes form posts one client address may make in ten minutes
 */
public record WebConfig(Boolean enabled, String host, Integer port, Integer maxRequestBytes, Integer postsPerIpPer10Minutes) {

    public static final WebConfig DEFAULTS = new WebConfig(null, null, null, null, null);

    public WebConfig {
        enabled = enabled == null || enabled;
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        port = port == null ? 8080 : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("web.port must be between 0 and 65535, got " + port);
        }
        maxRequestBytes = maxRequestBytes == null ? 16 * 1024 : maxRequestBytes;
        if (maxRequestBytes < 1024 || maxRequestBytes > 1024 * 1024) {
            throw new IllegalArgumentException("web.maxRequestBytes must be between 1024 and 1048576, got " + maxRequestBytes);
        }
        postsPerIpPer10Minutes = postsPerIpPer10Minutes == null ? 20 : postsPerIpPer10Minutes;
        if (postsPerIpPer10Minutes < 1) {
            throw new IllegalArgumentException("web.postsPerIpPer10Minutes must be at least 1, got " + postsPerIpPer10Minutes);
        }
    }
}
