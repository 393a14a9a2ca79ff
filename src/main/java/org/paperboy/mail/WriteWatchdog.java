package org.paperboy.mail;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * The SMTP write timeout, kept by one shared watchdog thread: a write marks when it started, and
 * the watchdog, looking every {@value #TICK_MILLIS} ms, closes a socket whose write has been
 * blocked longer than the timeout (a server that stopped reading). Angus's own write timeout
 * schedules and cancels a timer task on every write; this costs two volatile stores a write.
 */
final class WriteWatchdog {

    static final long TICK_MILLIS = 200;
    private static final Set<WatchedSocket> SOCKETS = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-write-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        TICKER.scheduleWithFixedDelay(WriteWatchdog::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private WriteWatchdog() {
    }

    /** Plain sockets with TCP_NODELAY whose writes time out after {@code timeoutMillis}. */
    static SocketFactory socketFactory(long timeoutMillis) {
        return new Factory(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    private static void check() {
        long now = System.nanoTime();
        for (WatchedSocket socket : SOCKETS) {
            long since = socket.writingSince;
            if (since != 0 && now - since > socket.timeoutNanos) {
                socket.timedOut = true;
                try {
                    socket.close();   // the blocked write fails at once
                } catch (IOException e) {
                    // closing is all we can do
                }
            }
        }
    }

    private static final class WatchedSocket extends Socket {
        final long timeoutNanos;
        volatile long writingSince;
        volatile boolean timedOut;
        private OutputStream out;

        WatchedSocket(long timeoutNanos) throws IOException {
            this.timeoutNanos = timeoutNanos;
            // commands are small writes answered one by one: without TCP_NODELAY, Nagle's algorithm and
            // the server's delayed ACK add up to 40 ms to every message on an otherwise fast link
            setTcpNoDelay(true);
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new Watched(super.getOutputStream(), this);
                SOCKETS.add(this);
            }
            return out;
        }

        @Override
        public synchronized void close() throws IOException {
            SOCKETS.remove(this);
            super.close();
        }
    }

    private static final class Watched extends FilterOutputStream {
        private final WatchedSocket socket;

        Watched(OutputStream out, WatchedSocket socket) {
            super(out);
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            socket.writingSince = System.nanoTime() | 1;   // never 0, which means not writing
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                if (socket.timedOut) {
                    throw new SocketTimeoutException("write timed out after "
                            + TimeUnit.NANOSECONDS.toMillis(socket.timeoutNanos) + " ms: the server stopped reading");
                }
                throw e;
            } finally {
                socket.writingSince = 0;
            }
        }
    }

    private static final class Factory extends SocketFactory {
        private final long timeoutNanos;

        Factory(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new WatchedSocket(timeoutNanos);
            AngusSockets.note(socket);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(null, new java.net.InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return connected(new java.net.InetSocketAddress(local, localPort), new java.net.InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(null, new java.net.InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return connected(new java.net.InetSocketAddress(local, localPort), new java.net.InetSocketAddress(host, port));
        }

        private Socket connected(java.net.SocketAddress local, java.net.SocketAddress remote) throws IOException {
            Socket socket = createSocket();
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        }
    }
}
