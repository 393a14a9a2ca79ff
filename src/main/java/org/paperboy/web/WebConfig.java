package org.paperboy.web;

import java.util.List;
import org.paperboy.ConfigRange;

/**
 * The {@code web} section: where {@code serve} (and {@code run}, when enabled) listen, and the
 * limits that keep the pages up under hostile clients. Links in mails use
 * {@code email.publicBaseUrl}, which points here through any proxy in front.
 *
 * @param maxRequestBytes        request bodies larger than this are refused (413)
 * @param postsPerIpPer10Minutes subscribe posts one client address may make in ten minutes
 * @param trustedProxies         addresses or CIDRs of the proxies in front; only when the direct
 *                               peer is one of them is its {@code X-Forwarded-For} believed
 * @param headerTimeoutSeconds   a connection must send a whole request header this soon after it
 *                               opens or after its last answer, or it is closed
 * @param bodyTimeoutSeconds     a request body must arrive whole this soon after its header
 * @param idleTimeoutSeconds     a connection silent this long is closed
 * @param maxHeaderBytes         request line and headers larger than this are refused (431)
 * @param maxConnections         open connections at most; more wait in the listen backlog
 * @param maxThreads             the server's worker threads at most
 * @param managementHost         where {@code /healthz} and {@code /metrics} listen
 * @param managementPort         their port; absent (the default) serves no management endpoints
 */
public record WebConfig(Boolean enabled, String host, Integer port, Integer maxRequestBytes, Integer postsPerIpPer10Minutes,
                        List<String> trustedProxies, Integer headerTimeoutSeconds, Integer bodyTimeoutSeconds,
                        Integer idleTimeoutSeconds, Integer maxHeaderBytes, Integer maxConnections, Integer maxThreads,
                        String managementHost, Integer managementPort) {

    public static final WebConfig DEFAULTS = new WebConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public WebConfig {
        enabled = enabled == null || enabled;
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        port = ConfigRange.within("web.port", port, 8080, 0, 65535);
        maxRequestBytes = ConfigRange.within("web.maxRequestBytes", maxRequestBytes, 16 * 1024, 1024, 1024 * 1024);
        postsPerIpPer10Minutes = ConfigRange.within("web.postsPerIpPer10Minutes", postsPerIpPer10Minutes, 20, 1, 1_000_000);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        ClientAddress.checkPatterns(trustedProxies);
        headerTimeoutSeconds = ConfigRange.within("web.headerTimeoutSeconds", headerTimeoutSeconds, 10, 1, 3600);
        bodyTimeoutSeconds = ConfigRange.within("web.bodyTimeoutSeconds", bodyTimeoutSeconds, 20, 1, 3600);
        idleTimeoutSeconds = ConfigRange.within("web.idleTimeoutSeconds", idleTimeoutSeconds, 30, 1, 3600);
        maxHeaderBytes = ConfigRange.within("web.maxHeaderBytes", maxHeaderBytes, 8 * 1024, 1024, 64 * 1024);
        maxConnections = ConfigRange.within("web.maxConnections", maxConnections, 256, 1, 100_000);
        maxThreads = ConfigRange.within("web.maxThreads", maxThreads, 32, 8, 1000);
        managementHost = managementHost == null || managementHost.isBlank() ? "127.0.0.1" : managementHost.strip();
        if (managementPort != null) {
            ConfigRange.within("web.managementPort", managementPort, 0, 0, 65535);
        }
    }

    /** True when {@code managementPort} is set. */
    public boolean managementEnabled() {
        return managementPort != null;
    }
}
