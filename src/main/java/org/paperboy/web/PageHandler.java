package org.paperboy.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Jetty request into an {@link Exchange} for a {@link Route}: finds the client's address,
 * reads a POST body whole without holding a thread while it arrives (so a slow body costs a
 * connection, not a worker), keeps the connection's deadlines, and answers 500 when a page fails.
 */
final class PageHandler extends Handler.Abstract {

    /** One page or endpoint: answers the exchange exactly once. */
    @FunctionalInterface
    interface Route {
        void handle(Exchange ex) throws IOException;
    }

    /** Told about every answered request, for metrics. */
    @FunctionalInterface
    interface Observer {
        void answered(Exchange ex, long nanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PageHandler.class);

    private final Route route;
    private final Route failure;
    private final ClientAddress clients;
    private final ConnectionDeadlines deadlines;
    private final int maxBody;
    private final Observer observer;
    private Executor workers;

    /** @param failure answers when {@code route} threw before answering; it must not throw */
    PageHandler(Route route, Route failure, ClientAddress clients, ConnectionDeadlines deadlines, int maxBody, Observer observer) {
        this.route = route;
        this.failure = failure;
        this.clients = clients;
        this.deadlines = deadlines;
        this.maxBody = maxBody;
        this.observer = observer;
    }

    @Override
    protected void doStart() throws Exception {
        workers = getServer().getThreadPool();
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        Connection connection = request.getConnectionMetaData().getConnection();
        deadlines.working(connection);
        Callback done = Callback.from(() -> deadlines.answered(connection), callback);
        String clientIp = clientIp(request);
        if (!request.getMethod().equals("POST")) {
            dispatch(new Exchange(request, response, done, clientIp, new byte[0]), start);
        } else if (request.getLength() > maxBody) {
            dispatch(new Exchange(request, response, done, clientIp, null), start);
        } else {
            deadlines.readingBody(connection);
            BodyReader.read(request, maxBody, (body, failed) -> workers.execute(() -> {
                deadlines.working(connection);
                if (failed != null) {
                    // the client went away, or missed the body deadline and was closed: nobody to answer
                    LOG.debug("a request body did not arrive whole: {}", failed.toString());
                    done.failed(new QuietException.RuntimeException(failed));
                } else {
                    dispatch(new Exchange(request, response, done, clientIp, body), start);
                }
            }));
        }
        return true;
    }

    private String clientIp(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return Request.getRemoteAddr(request);
        }
        List<String> forwarded = request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR);
        InetAddress client = clients.resolve(inet.getAddress(), forwarded);
        return client.getHostAddress();
    }

    private void dispatch(Exchange ex, long start) {
        try {
            route.handle(ex);
            if (!ex.answered()) {
                throw new IllegalStateException("no answer");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} failed: {}", ex.method(), ex.route(), e.toString());
            if (!ex.answered()) {
                try {
                    failure.handle(ex);
                } catch (IOException | RuntimeException again) {
                    LOG.warn("cannot answer {} {}: {}", ex.method(), ex.route(), again.toString());
                }
            }
            if (!ex.answered()) {
                ex.fail(e);   // Jetty answers 500 on its own
            }
        }
        observer.answered(ex, System.nanoTime() - start);
    }
}
