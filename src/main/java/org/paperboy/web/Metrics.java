package org.paperboy.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The process's meters, in Micrometer, exposed as Prometheus text on {@code /metrics}: HTTP requests
 * by route and status, subscribe and unsubscribe counts, the web server's connections, and the
 * JVM's memory, threads, CPU and uptime. Other code registers its own meters on {@link #registry()}.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Everything registered, in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }

    /** Counts and times one answered request; routes are patterns, so tokens never become labels. */
    void answered(Exchange ex, long nanos) {
        String status = String.valueOf(ex.status());
        Timer.builder("paperboy.http.requests").description("HTTP requests answered, by route and status")
                .tag("route", ex.route()).tag("method", ex.method()).tag("status", status)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (!ex.method().equals("POST")) {
            return;
        }
        if (ex.route().equals("/subscribe")) {
            Counter.builder("paperboy.web.subscribe.requests").description("Subscribe form posts, by what they were answered")
                    .tag("outcome", subscribeOutcome(ex.status())).register(registry).increment();
        } else if (ex.route().equals("/unsubscribe/{token}") && ex.status() == 200) {
            Counter.builder("paperboy.web.unsubscribes").description("Readers unsubscribed through the web, one-click (RFC 8058) or the page")
                    .tag("via", oneClick(ex) ? "one-click" : "page").register(registry).increment();
        }
    }

    /** Registers the gauges of one web server. */
    void watch(String server, ConnectionDeadlines deadlines, BackgroundQueue background) {
        Gauge.builder("paperboy.web.connections.open", deadlines, ConnectionDeadlines::open).tag("server", server)
                .description("Open connections").register(registry);
        FunctionCounter.builder("paperboy.web.connections.timed.out", deadlines, ConnectionDeadlines::closedConnections)
                .tag("server", server).description("Connections closed for missing their header or body deadline").register(registry);
        if (background != null) {
            FunctionCounter.builder("paperboy.web.background.accepted", background, BackgroundQueue::accepted)
                    .description("Work queued after answering (subscriptions and their mail)").register(registry);
        }
    }

    private static String subscribeOutcome(int status) {
        return switch (status) {
            case 200 -> "accepted";
            case 400 -> "invalid";
            case 413 -> "too_large";
            case 429 -> "rate_limited";
            case 503 -> "busy";
            default -> "error";
        };
    }

    private static boolean oneClick(Exchange ex) {
        try {
            byte[] body = ex.body();
            return body != null && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("List-Unsubscribe=One-Click");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
