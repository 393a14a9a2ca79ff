package org.paperboy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's port ({@code web.managementHost}:{@code web.managementPort}, loopback by default):
 * {@code /healthz} runs every {@link HealthCheck} and answers 200, or 503 when one is down;
 * {@code /metrics} is {@link Metrics} in the Prometheus text format; further
 * {@link ManagementEndpoint}s are added by path. Never put it on the public internet.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JettyServers.Built jetty;
    private final List<HealthCheck> checks;
    private final Metrics metrics;
    private final Map<String, ManagementEndpoint> endpoints = new LinkedHashMap<>();

    private ManagementServer(WebConfig config, List<HealthCheck> checks, Metrics metrics, List<ManagementEndpoint> more) {
        this.checks = List.copyOf(checks);
        this.metrics = metrics;
        more.forEach(e -> endpoints.put(e.path(), e));
        this.jetty = JettyServers.build("paperboy-management", config.managementHost(), config.managementPort(), config, 8);
    }

    /** Starts the management endpoints, or returns null when {@code web.managementPort} is not set. */
    public static ManagementServer startIfEnabled(WebConfig config, List<HealthCheck> checks, Metrics metrics,
                                                  List<ManagementEndpoint> more) {
        if (!config.managementEnabled()) {
            return null;
        }
        ManagementServer server = new ManagementServer(config, checks, metrics, more);
        metrics.watch("management", server.jetty.deadlines(), null);
        PageHandler handler = new PageHandler(server::route, ex -> ex.send(500, "text/plain; charset=utf-8", "failed\n"),
                new ClientAddress(List.of()), server.jetty.deadlines(), config.maxRequestBytes(), (ex, nanos) -> { });
        JettyServers.start(server.jetty, handler);
        LOG.info("serving /healthz and /metrics on http://{}:{}/", config.managementHost(), server.port());
        return server;
    }

    public int port() {
        return jetty.connector().getLocalPort();
    }

    private void route(Exchange ex) throws IOException {
        ex.route(ex.path());
        ManagementEndpoint endpoint = endpoints.get(ex.path());
        if (ex.path().equals("/healthz")) {
            health(ex);
        } else if (ex.path().equals("/metrics")) {
            ex.send(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        } else if (endpoint != null) {
            ManagementEndpoint.Answer answer = endpoint.handle(new ManagementEndpoint.Request(ex.method(), ex.path(), ex.query(),
                    ex.method().equals("POST") ? ex.form() : Map.of()));
            ex.send(answer.status(), answer.contentType(), answer.body());
        } else {
            ex.route("unmatched");
            ex.send(404, "text/plain; charset=utf-8", "not found\n");
        }
    }

    private void health(Exchange ex) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode results = JSON.createObjectNode();
        HealthCheck.State worst = HealthCheck.State.UP;
        for (HealthCheck check : checks) {
            HealthCheck.Result result = run(check);
            results.putObject(check.name()).put("status", result.state().name()).put("detail", result.detail());
            worst = result.state().compareTo(worst) > 0 ? result.state() : worst;
        }
        answer.put("status", worst.name());
        answer.set("checks", results);
        ex.send(worst == HealthCheck.State.DOWN ? 503 : 200, "application/json", answer.toPrettyString() + "\n");
    }

    private static HealthCheck.Result run(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return HealthCheck.Result.down(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public void close() {
        JettyServers.stopQuietly(jetty.server());
    }
}
