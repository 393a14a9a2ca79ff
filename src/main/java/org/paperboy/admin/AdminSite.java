package org.paperboy.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.paperboy.web.Mounted;
import org.paperboy.web.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin pages under {@code /admin}: HTTP Basic for one configured user, failed logins
 * rate-limited per client network, no cookies. GETs show; the two actions are POST forms guarded
 * by {@link Csrf}. Mount it on the web server with {@code web.mount(site)}; it exists only when
 * {@code admin.password} is set.
 *
 * <p>Failed logins count per network, as the subscribe form's posts do ({@link RateLimiter#network}:
 * an IPv4 address, or an IPv6 /64, of the client behind any trusted proxy). Past
 * {@code admin.failedLoginsPer10Minutes} a network is refused with 429 until its oldest failure is ten
 * minutes old, the right password included: were it let through, each refused guess would still say
 * whether it was right. Guesses from one network never lock out another, so the admin can always log
 * in from a network of their own (another connection, or an SSH tunnel to the server's loopback).
 */
public final class AdminSite implements Mounted {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSite.class);

    private final BasicAuth auth;
    private final RateLimiter failures;
    private final AdminRoutes routes;

    public AdminSite(AdminConfig config, AdminParts parts, Clock clock) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("the admin pages need admin.password");
        }
        this.auth = new BasicAuth(config.username(), config.password());
        this.failures = new RateLimiter(config.failedLoginsPer10Minutes(), Duration.ofMinutes(10), clock);
        this.routes = new AdminRoutes(parts, new Csrf(parts.publicBaseUrl(), clock), clock);
    }

    @Override
    public String prefix() {
        return "/admin";
    }

    @Override
    public Answer handle(Request request) {
        String client = request.clientIp();
        String network = RateLimiter.network(client);
        long wait = failures.blockedFor(network);
        if (wait > 0) {
            return new Answer(429, "text/plain; charset=utf-8", "Too many failed logins from this network; try again in "
                    + wait + " seconds.\n", Map.of("Retry-After", String.valueOf(wait)));
        }
        if (!auth.accepts(request.header("Authorization"))) {
            if (request.header("Authorization") != null) {
                failures.record(network);
                LOG.warn("admin: failed login from {}{}", client, network.equals(client) ? "" : " (network " + network + ")");
            }
            return new Answer(401, "text/plain; charset=utf-8", "Log in to see the admin pages.\n",
                    Map.of("WWW-Authenticate", BasicAuth.CHALLENGE));
        }
        return routes.route(request);
    }
}
