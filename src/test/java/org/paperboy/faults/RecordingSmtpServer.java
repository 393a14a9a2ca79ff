package org.paperboy.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real SMTP server on loopback that records, for each message it accepts, the envelope recipient
 * and the Message-ID: written to its log file (and kept in memory) before the 250 is answered, so
 * whatever a killed Paperboy may believe was accepted is on record here. The answer to each
 * message's final dot can be scripted (a 451 for every third one), and answers can be held at a
 * gate until a condition holds (a second sender has connected).
 */
final class RecordingSmtpServer implements AutoCloseable {

    /** An accepted message. */
    record Accepted(String recipient, String messageId) {
    }

    private final ServerSocket socket;
    private final Path log;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Accepted> accepted = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final java.util.Set<Socket> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger messages = new AtomicInteger();
    private volatile IntFunction<String> answer = n -> "250 queued";
    private volatile Gate gate;

    /** Holds answers from the {@code from}-th accepted message on until the condition holds (at most {@code maxMillis}). */
    record Gate(int from, java.util.function.BooleanSupplier open, long maxMillis) {
    }

    /** Listens on the port (0 for any free one) and appends its records to the log file. */
    RecordingSmtpServer(int port, Path log) throws IOException {
        this.log = log;
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        pool.submit(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The answer to the final dot of the n-th message transferred (counting from 1); 250 accepts. */
    void answer(IntFunction<String> answer) {
        this.answer = answer;
    }

    void gate(Gate gate) {
        this.gate = gate;
    }

    int connections() {
        return connections.get();
    }

    synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    synchronized int acceptedCount() {
        return accepted.size();
    }

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
        try (Socket ignored = client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
             Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.ISO_8859_1)) {
            reply(out, "220 recording.test ESMTP");
            String recipient = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-recording.test\r\n250-8BITMIME\r\n250 PIPELINING");
                    case "HELO" -> reply(out, "250 recording.test");
                    case "MAIL", "RSET" -> {
                        recipient = null;
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipient = line.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1").toLowerCase();
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        if (recipient == null) {
                            reply(out, "503 no valid recipients");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        String messageId = readData(in);
                        if (messageId == null) {
                            return;   // gone before the final dot: nothing was accepted
                        }
                        String reply = answer.apply(messages.incrementAndGet());
                        if (reply.startsWith("250")) {
                            record(new Accepted(recipient, messageId));
                        }
                        reply(out, reply);
                        recipient = null;
                    }
                    case "NOOP" -> reply(out, "250 OK");
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
        }
    }

    /** Reads the message up to its final dot; returns its Message-ID ("" if none), or null if the client went away. */
    private static String readData(BufferedReader in) throws IOException {
        String messageId = "";
        boolean headers = true;
        for (String d = in.readLine(); d != null; d = in.readLine()) {
            if (d.equals(".")) {
                return messageId;
            }
            if (headers && d.isEmpty()) {
                headers = false;
            } else if (headers && d.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                messageId = d.substring(11).strip();
            }
        }
        return null;
    }

    /** Writes the record before the 250 goes out; waits at the gate first if one is set. */
    private void record(Accepted a) throws IOException, InterruptedException {
        int count;
        synchronized (this) {
            Files.writeString(log, a.recipient() + " " + a.messageId() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            accepted.add(a);
            count = accepted.size();
        }
        Gate g = gate;
        if (g != null && count >= g.from()) {
            long until = System.currentTimeMillis() + g.maxMillis();
            while (!g.open().getAsBoolean() && System.currentTimeMillis() < until) {
                Thread.sleep(10);
            }
        }
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
