package org.paperboy.mail;

import java.net.Socket;

/**
 * Where Paperboy leans on Angus beyond its API, in one place. {@code SMTPTransport} keeps the socket
 * it talks over private, yet the connection writes its encode-once data to that socket itself
 * (pipelined, see {@link PipeliningTransport}) and the write deadline ({@link WriteWatchdog}) must
 * watch it. So we learn the socket by being the factories that make it, and note it for the
 * thread that connects:
 * <ul>
 * <li>plain and STARTTLS: Angus asks {@code mail.smtp.socketFactory} (the watchdog's) for the plain socket;</li>
 * <li>TLS (smtps, or after STARTTLS): Angus 2.0's {@code SocketFetcher} connects a plain socket
 *     (for smtps its own {@code new Socket()}) and layers TLS by calling
 *     {@code createSocket(Socket, String, int, boolean)} of {@code mail.smtp(s).ssl.socketFactory}
 *     ({@link TlsSockets}), whose result is the socket Angus then holds.</li>
 * </ul>
 * If an Angus upgrade changes that, {@link SmtpMailer} finds no socket of the right kind and falls
 * back to Angus's own streams, unpipelined: slower, never wrong. {@code AngusSocketsTest} fails then.
 */
final class AngusSockets {

    /** The socket last made on each thread, so a connection can write its message data to it itself. */
    private static final ThreadLocal<Socket> LAST = new ThreadLocal<>();

    private AngusSockets() {
    }

    /** Notes the socket a connection on this thread now talks over: a plain one, or TLS layered on it. */
    static void note(Socket socket) {
        LAST.set(socket);
    }

    /** The socket this thread's last connect made through our factories, or null; forgets it. */
    static Socket take() {
        Socket socket = LAST.get();
        LAST.remove();
        return socket;
    }
}
