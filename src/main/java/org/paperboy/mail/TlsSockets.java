package org.paperboy.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory Angus is given ({@code mail.smtp.ssl.socketFactory} and
 * {@code mail.smtps.ssl.socketFactory}): it layers TLS with the trusted factory (the JVM's CAs or
 * {@code smtp.caFile}'s), sets {@code TCP_NODELAY} on the socket under it, and notes the TLS socket
 * as this thread's last one, so the connection can write its encode-once data to that socket as it
 * does to a plain one, not byte by byte through Angus's {@code SMTPOutputStream}. That Angus layers
 * TLS through this factory is no API: see {@link AngusSockets}.
 */
final class TlsSockets extends SSLSocketFactory {

    private final SSLSocketFactory trusted;

    TlsSockets(SSLSocketFactory trusted) {
        this.trusted = trusted;
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        // small commands answered one by one: without it Nagle's algorithm and the server's delayed
        // ACK stall each exchange up to 40 ms (the plain socket of smtps is Angus's, not our factory's)
        plain.setTcpNoDelay(true);
        Socket tls = trusted.createSocket(plain, host, port, autoClose);
        AngusSockets.note(tls);
        return tls;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return trusted.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return trusted.getSupportedCipherSuites();
    }

    // Angus does not ask for a socket TLS runs on from the start; were it to, it still gets TCP_NODELAY

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(trusted.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(trusted.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return noDelay(trusted.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(trusted.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        return noDelay(trusted.createSocket(address, port, local, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
