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
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small real SMTP server on loopback whose answers a test scripts: a 451 or a 550 for chosen
 * recipients, a pause per message, or answers held until the test lets them go. GreenMail has no
 * way to answer with faults, so the fault tests talk to this one; it speaks enough SMTP (EHLO,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT) for Jakarta Mail and keeps every message it accepts.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** An accepted message: the envelope recipient and the raw data. */
    public record Received(String recipient, String data) {
        public String header(String name) {
            for (String line : data.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> rcptCounts = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Function<String, String> rcptAnswer = r -> "250 OK";
    private volatile java.util.function.IntFunction<String> mailAnswer = n -> "250 OK";
    private final AtomicInteger mails = new AtomicInteger();
    private final AtomicInteger pipelined = new AtomicInteger();
    private volatile boolean offerPipelining = true;
    private volatile long pauseMillis;
    private volatile int holdFrom = Integer.MAX_VALUE;
    private final CountDownLatch released = new CountDownLatch(1);

    public ScriptedSmtpServer() throws IOException {
        this(0);
    }

    /** Listens on the port: 0 for any free one, or a {@link ClosedPort} the test holds (bound with SO_REUSEADDR to share it). */
    public ScriptedSmtpServer(int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        pool.submit(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The answer to RCPT TO for a recipient, e.g. "451 try later"; the count starts at 1. */
    public void answerRcpt(Function<String, String> answer) {
        this.rcptAnswer = answer;
    }

    /** The answer to the {@code n}-th MAIL FROM (counting from 1), e.g. "451 try later"; after a 421 the server hangs up. */
    public void answerMail(java.util.function.IntFunction<String> answer) {
        this.mailAnswer = answer;
    }

    /** Whether EHLO offers PIPELINING (RFC 2920); it does unless told otherwise. */
    public void offerPipelining(boolean offer) {
        this.offerPipelining = offer;
    }

    /**
     * How many MAIL commands arrived with more commands already behind them, before this server
     * answered: sent pipelined, in one write (a client that waits for each reply sends nothing more).
     */
    public int pipelinedMails() {
        return pipelined.get();
    }

    /** How many times RCPT TO was tried for this recipient so far. */
    public int rcptAttempts(String recipient) {
        return rcptCounts.getOrDefault(recipient.toLowerCase(), new AtomicInteger()).get();
    }

    public void pauseAfterEachMessage(long millis) {
        this.pauseMillis = millis;
    }

    /**
     * From the {@code n}-th message kept on (counting from 1), the 250 waits until {@link #release()}:
     * the sender cannot get past it, so a test can stop or kill it mid-send whatever the machine's
     * speed. A held message is kept but not yet acknowledged, as one in flight is.
     */
    public void holdAnswersFrom(int n) {
        this.holdFrom = n;
    }

    /** Lets every held answer go, and all later ones. */
    public void release() {
        released.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                pool.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
             Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.ISO_8859_1)) {
            reply(out, "220 scripted.test ESMTP");
            String recipient = null;
            boolean inTransaction = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, offerPipelining ? "250-scripted.test\r\n250-8BITMIME\r\n250 PIPELINING"
                            : "250-scripted.test\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 scripted.test");
                    case "MAIL" -> {
                        recipient = null;
                        if (in.ready()) {
                            pipelined.incrementAndGet();
                        }
                        String answer = mailAnswer.apply(mails.incrementAndGet());
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
                        rcptCounts.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
                        String answer = rcptAnswer.apply(to);
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
                        StringBuilder data = new StringBuilder();
                        String d = in.readLine();
                        for (; d != null && !d.equals("."); d = in.readLine()) {
                            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
                        }
                        if (d == null) {
                            return;   // the client went away before the final dot: nothing was accepted
                        }
                        received.add(new Received(recipient, data.toString()));
                        if (received.size() >= holdFrom) {
                            released.await();
                        }
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                        recipient = null;
                        inTransaction = false;
                        reply(out, "250 queued");
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
        } catch (SocketException e) {
            // the client went away
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static void reply(Writer out, String text) throws IOException {
        out.write(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pool.shutdownNow();
    }
}
