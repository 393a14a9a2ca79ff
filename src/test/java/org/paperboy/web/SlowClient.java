package org.paperboy.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A hostile client on a raw socket: it starts a request and then sends nothing, or a byte now and then. */
final class SlowClient implements AutoCloseable {

    private final Socket socket;
    private volatile boolean refused;

    private SlowClient(int port, String start) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Sends half a header line and then, unless dribbled, nothing. */
    static SlowClient partialHeader(int port) throws IOException {
        return new SlowClient(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slo");
    }

    /** Sends a whole header promising a 1,000-byte form, then 7 bytes of it. */
    static SlowClient slowBody(int port) throws IOException {
        return new SlowClient(port, "POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 1000\r\n\r\nemail=s");
    }

    /** One more byte of the header line, as a slowloris sends it; a refused write means the server closed. */
    void dribble() {
        try {
            socket.getOutputStream().write('w');
            socket.getOutputStream().flush();
        } catch (IOException e) {
            refused = true;
        }
    }

    /** True when the server has closed the connection (end of stream or reset) within the given wait. */
    boolean closedByServer(Duration wait) throws IOException {
        if (refused) {
            return true;
        }
        socket.setSoTimeout((int) wait.toMillis());
        try {
            InputStream in = socket.getInputStream();
            int read;
            do {
                read = in.read();   // a 408 or 400 before the close is fine; the close is what counts
            } while (read >= 0);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** True when the server holds the connection open and has sent nothing. */
    boolean stillOpen() throws IOException {
        if (refused) {
            return false;
        }
        socket.setSoTimeout(1);
        try {
            socket.getInputStream().read();
            return false;   // an answer or the end of the stream
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
