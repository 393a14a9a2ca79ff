package org.paperboy.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Deadlines on what a client owes the server, which Jetty's idle timeout alone does not give: a
 * client that dribbles a byte every few seconds is never idle. A connection waiting for a request
 * (just opened, or kept alive after an answer) must deliver a whole header within the header
 * timeout, and a request's body must arrive whole within the body timeout; otherwise the
 * connection is closed (like Apache's mod_reqtimeout). While the server works on an answer there
 * is no deadline. Slow clients hold no thread in Jetty, only a connection, and this frees it.
 */
final class ConnectionDeadlines implements Connection.Listener {

    private final Scheduler scheduler;
    private final Duration header;
    private final Duration body;
    private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicLong closed = new AtomicLong();

    ConnectionDeadlines(Scheduler scheduler, Duration header, Duration body) {
        this.scheduler = scheduler;
        this.header = header;
        this.body = body;
    }

    @Override
    public void onOpened(Connection connection) {
        Watch watch = new Watch(connection);
        watches.put(connection, watch);
        watch.arm(header);
    }

    @Override
    public void onClosed(Connection connection) {
        Watch watch = watches.remove(connection);
        if (watch != null) {
            watch.disarm();
        }
    }

    /** The header has arrived: the server is working on the request. */
    void working(Connection connection) {
        with(connection, Watch::disarm);
    }

    /** The header has arrived and the body is being read. */
    void readingBody(Connection connection) {
        with(connection, w -> w.arm(body));
    }

    /** The answer is written: the connection may now wait for its next request. */
    void answered(Connection connection) {
        with(connection, w -> w.arm(header));
    }

    /** Connections open now. */
    int open() {
        return watches.size();
    }

    /** Connections closed because a deadline passed, since the start. */
    long closedConnections() {
        return closed.get();
    }

    private void with(Connection connection, java.util.function.Consumer<Watch> action) {
        Watch watch = watches.get(connection);
        if (watch != null) {
            action.accept(watch);
        }
    }

    private final class Watch {

        private final Connection connection;
        private Scheduler.Task task;
        private long generation;

        Watch(Connection connection) {
            this.connection = connection;
        }

        synchronized void arm(Duration deadline) {
            disarm();
            long armed = ++generation;
            task = scheduler.schedule(() -> expire(armed), deadline);
        }

        synchronized void disarm() {
            generation++;
            if (task != null) {
                task.cancel();
                task = null;
            }
        }

        private void expire(long armed) {
            synchronized (this) {
                if (armed != generation) {
                    return;
                }
                task = null;
            }
            closed.incrementAndGet();
            connection.getEndPoint().close();
        }
    }
}
