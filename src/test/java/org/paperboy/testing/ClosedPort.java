package org.paperboy.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port this test holds without listening on it: a connection to it is refused, as to a
 * server that is down, and no other process can take it meanwhile (the kernel skips it when it
 * picks ports, and a bind to it fails). A server of the test can still listen on it
 * ({@link ScriptedSmtpServer}, the fault harness's recording server: both bind with SO_REUSEADDR),
 * so "down, then up on the same port" needs no port found free and released, which another process
 * could take in between.
 */
public final class ClosedPort implements AutoCloseable {

    private final Socket holder = new Socket();

    public ClosedPort() throws IOException {
        holder.setReuseAddress(true);
        holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    public int port() {
        return holder.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
