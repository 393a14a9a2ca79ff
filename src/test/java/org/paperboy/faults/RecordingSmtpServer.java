package org.paperboy.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.paperboy.testing.SmtpTestServer;

/**
 * A real SMTP server on loopback that records, for each message it accepts, the envelope recipient
 * and the Message-ID: written to its log file (and kept in memory) before the 250 is answered, so
 * whatever a killed Paperboy may believe was accepted is on record here. The answer to each
 * message's final dot can be scripted (a 451 for every third one), and answers can be held at a
 * gate until a condition holds (a second sender has connected).
 */
final class RecordingSmtpServer extends SmtpTestServer {

    /** An accepted message. */
    record Accepted(String recipient, String messageId) {
    }

    private final Path log;
    private final List<Accepted> accepted = new ArrayList<>();
    private final AtomicInteger messages = new AtomicInteger();
    private volatile IntFunction<String> answer = n -> "250 queued";
    private volatile Gate gate;

    /** Holds answers from the {@code from}-th accepted message on until the condition holds (at most {@code maxMillis}). */
    record Gate(int from, java.util.function.BooleanSupplier open, long maxMillis) {
    }

    /** Listens on the port (0 for any free one) and appends its records to the log file. */
    RecordingSmtpServer(int port, Path log) throws IOException {
        super("recording.test", port);
        this.log = log;
        start();
    }

    /** The answer to the final dot of the n-th message transferred (counting from 1); 250 accepts. */
    void answer(IntFunction<String> answer) {
        this.answer = answer;
    }

    void gate(Gate gate) {
        this.gate = gate;
    }

    synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    synchronized int acceptedCount() {
        return accepted.size();
    }

    @Override
    protected String data(String recipient, String data) throws IOException, InterruptedException {
        String reply = answer.apply(messages.incrementAndGet());
        if (reply.startsWith("250")) {
            record(new Accepted(recipient, messageId(data)));
        }
        return reply;
    }

    /** The message's Message-ID, "" if it has none. */
    private static String messageId(String data) {
        for (String line : data.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                return line.substring(11).strip();
            }
        }
        return "";
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
}
