package org.paperboy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real SMTP server on loopback for tests, with the session the test servers share: EHLO (offering
 * PIPELINING unless told otherwise), MAIL, RCPT, DATA with the dots unstuffed, RSET, NOOP and QUIT,
 * each reply written on its own as a naive server does. A subclass says what to answer and keeps
 * what it accepts; it can speak TLS (STARTTLS or from the first byte). It binds with SO_REUSEADDR, so it can take a port a {@link ClosedPort} holds, and
 * closing it drops every connection, as a server that goes down.
 */
public abstract class SmtpTestServer implements AutoCloseable {

    private final String name;
    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger mails = new AtomicInteger();
    private final AtomicInteger pipelined = new AtomicInteger();
    private final java.util.Map<String, AtomicInteger> verbs = new ConcurrentHashMap<>();
    private volatile boolean offerPipelining = true;
    private volatile SSLContext tls;
    private volatile boolean implicitTls;

    /** Listens on the port: 0 for any free one. A subclass calls {@link #start} once it is built. */
    protected SmtpTestServer(String name, int port) throws IOException {
        this.name = name;
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
    }

    /** Starts taking connections. */
    protected final void start() {
        pool.submit(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Whether EHLO offers PIPELINING (RFC 2920); it does unless told otherwise. */
    public void offerPipelining(boolean offer) {
        this.offerPipelining = offer;
    }

    /**
     * Speaks TLS with this context: from the first byte ({@code implicit}, as on port 465), or after
     * STARTTLS, which EHLO then offers (and MAIL is refused before it).
     */
    public void serveTls(SSLContext context, boolean implicit) {
        this.implicitTls = implicit;
        this.tls = context;
    }

    /**
     * How many MAIL commands arrived with more commands already behind them, before this server
     * answered: sent pipelined, in one write (a client that waits for each reply sends nothing more).
     */
    public int pipelinedMails() {
        return pipelined.get();
    }

    /** How many commands with this verb (e.g. "NOOP") the server was sent. */
    public int commands(String verb) {
        return verbs.getOrDefault(verb.toUpperCase(), new AtomicInteger()).get();
    }

    /** The answer to the {@code n}-th MAIL FROM (counting from 1); after a 421 the server hangs up. */
    protected String mail(int n) {
        return "250 OK";
    }

    /** The answer to RCPT TO for the recipient (lower case); 250 makes them the message's recipient. */
    protected String rcpt(String recipient) {
        return "250 OK";
    }

    /** The answer to a message's final dot, given its recipient and data (CRLF lines, dots unstuffed). */
    protected abstract String data(String recipient, String data) throws IOException, InterruptedException;

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                clients.add(client);
                pool.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket socket = client;
        try {
            boolean secure = false;
            if (tls != null && implicitTls) {
                socket = serverTls(client);
                secure = true;
            }
            BufferedReader in = reader(socket);
            Writer out = writer(socket);
            reply(out, "220 " + name + " ESMTP");
            String recipient = null;
            boolean inTransaction = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                verbs.computeIfAbsent(verb, k -> new AtomicInteger()).incrementAndGet();
                if (tls != null && !secure && !verb.equals("EHLO") && !verb.equals("STAR") && !verb.equals("QUIT")) {
                    reply(out, "530 5.7.0 Must issue a STARTTLS command first");
                    continue;
                }
                switch (verb) {
                    case "EHLO" -> reply(out, "250-" + name + (tls != null && !secure ? "\r\n250-STARTTLS" : "")
                            + (offerPipelining ? "\r\n250-8BITMIME\r\n250 PIPELINING" : "\r\n250 8BITMIME"));
                    case "HELO" -> reply(out, "250 " + name);
                    case "STAR" -> {
                        reply(out, "220 2.0.0 ready to start TLS");
                        socket = serverTls(socket);
                        secure = true;
                        in = reader(socket);
                        out = writer(socket);
                    }
                    case "MAIL" -> {
                        recipient = null;
                        if (in.ready()) {
                            pipelined.incrementAndGet();
                        }
                        String answer = mail(mails.incrementAndGet());
                        inTransaction = answer.startsWith("250");
                        reply(out, answer);
                        if (answer.startsWith("421")) {
                            return;   // closing the connection, as a server shutting down does
                        }
                    }
                    case "RCPT" -> {
                        if (!inTransaction) {
                            reply(out, "503 5.5.1 MAIL first");
                            continue;
                        }
                        String to = line.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1").toLowerCase();
                        String answer = rcpt(to);
                        if (answer.startsWith("250")) {
                            recipient = to;
                        }
                        reply(out, answer);
                    }
                    case "DATA" -> {
                        if (recipient == null) {
                            reply(out, "503 no valid recipients");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        String data = readData(in);
                        if (data == null) {
                            return;   // the client went away before the final dot: nothing was accepted
                        }
                        String answer = data(recipient, data);
                        recipient = null;
                        inTransaction = false;
                        reply(out, answer);
                    }
                    case "RSET", "NOOP" -> {
                        recipient = null;
                        inTransaction = false;
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        } finally {
            clients.remove(client);
            try {
                socket.close();
                client.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private Socket serverTls(Socket plain) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        secure.setUseClientMode(false);
        secure.startHandshake();
        return secure;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static Writer writer(Socket socket) throws IOException {
        return new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
    }

    /** The data up to the final dot, dots unstuffed; null if the client went away first. */
    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        for (String d = in.readLine(); d != null; d = in.readLine()) {
            if (d.equals(".")) {
                return data.toString();
            }
            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
        }
        return null;
    }

    private static void reply(Writer out, String text) throws IOException {
        out.write(text + "\r\n");
        out.flush();
    }

    /** Stops listening and drops every connection: the server is down. */
    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : clients) {
            client.close();
        }
        pool.shutdownNow();
    }
}
