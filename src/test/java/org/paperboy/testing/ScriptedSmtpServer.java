package org.paperboy.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A small real SMTP server on loopback whose answers a test scripts: a 451 or a 550 for chosen
 * recipients or MAIL commands, a pause per message, or answers held until the test lets them go.
 * GreenMail has no way to answer with faults, so the fault tests talk to this one; it keeps every
 * message it accepts.
 */
public final class ScriptedSmtpServer extends SmtpTestServer {

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

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> rcptCounts = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Function<String, String> rcptAnswer = r -> "250 OK";
    private volatile IntFunction<String> mailAnswer = n -> "250 OK";
    private volatile long pauseMillis;
    private volatile int holdFrom = Integer.MAX_VALUE;

    public ScriptedSmtpServer() throws IOException {
        this(0);
    }

    /** Listens on the port: 0 for any free one, or a {@link ClosedPort} the test holds (bound with SO_REUSEADDR to share it). */
    public ScriptedSmtpServer(int port) throws IOException {
        super("scripted.test", port);
        start();
    }

    /** The answer to RCPT TO for a recipient, e.g. "451 try later"; the count starts at 1. */
    public void answerRcpt(Function<String, String> answer) {
        this.rcptAnswer = answer;
    }

    /** The answer to the {@code n}-th MAIL FROM (counting from 1), e.g. "451 try later"; after a 421 the server hangs up. */
    public void answerMail(IntFunction<String> answer) {
        this.mailAnswer = answer;
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

    @Override
    protected String mail(int n) {
        return mailAnswer.apply(n);
    }

    @Override
    protected String rcpt(String recipient) {
        rcptCounts.computeIfAbsent(recipient, k -> new AtomicInteger()).incrementAndGet();
        return rcptAnswer.apply(recipient);
    }

    @Override
    protected String data(String recipient, String data) throws InterruptedException {
        received.add(new Received(recipient, data));
        if (received.size() >= holdFrom) {
            released.await();
        }
        if (pauseMillis > 0) {
            Thread.sleep(pauseMillis);
        }
        return "250 queued";
    }
}
