package org.paperboy.web;

import java.time.Duration;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * A Jetty server with every limit {@code web} sets: bounded threads and connections, bounded
 * header and body sizes, and header, body and idle timeouts. The pages and the management
 * endpoints are both served this way.
 */
final class JettyServers {

    /** A built, not yet started server, with its connector and the deadlines it enforces. */
    record Built(Server server, ServerConnector connector, ConnectionDeadlines deadlines) {
    }

    private JettyServers() {
    }

    static Built build(String name, String host, int port, WebConfig limits, int maxThreads) {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(4, maxThreads));
        threads.setName(name);
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(name + "-timer", true);
        server.addBean(scheduler);
        ServerConnector connector = new ServerConnector(server, null, scheduler, null, 1, 1,
                new HttpConnectionFactory(httpConfiguration(limits)));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(Duration.ofSeconds(limits.idleTimeoutSeconds()).toMillis());
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        ConnectionDeadlines deadlines = new ConnectionDeadlines(scheduler, Duration.ofSeconds(limits.headerTimeoutSeconds()),
                Duration.ofSeconds(limits.bodyTimeoutSeconds()));
        connector.addEventListener(deadlines);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        server.setStopTimeout(5_000);
        return new Built(server, connector, deadlines);
    }

    static void start(Built built, Handler handler) {
        built.server().setHandler(handler);
        try {
            built.server().start();
        } catch (Exception e) {
            stopQuietly(built.server());
            throw new WebException("cannot listen on " + built.connector().getHost() + ":" + built.connector().getPort()
                    + ": " + rootMessage(e), e);
        }
    }

    static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is on its way out
        }
    }

    private static HttpConfiguration httpConfiguration(WebConfig limits) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        return http;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
