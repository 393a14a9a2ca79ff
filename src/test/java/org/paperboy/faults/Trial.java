package org.paperboy.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.paperboy.testing.ClosedPort;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.TestTls;

/**
 * One fault trial's world: a fresh database with the template's readers, a recording SMTP server,
 * a config for {@code target/paperboy.jar}, and the {@code send} processes started on them.
 */
final class Trial implements AutoCloseable {

    static final int CONNECTIONS = 2;
    private static final Pattern SUMMARY = Pattern.compile(
            "(?m)^(\\d{4}-\\d{2}-\\d{2})(?: \\(resumed\\))?: sent (\\d+), skipped as already sent (\\d+), deferred (\\d+), failed (\\d+)");

    /** What a {@code send} printed for one date. */
    record Summary(LocalDate date, int sent, int alreadySent, int deferred, int failed) {
    }

    /** A finished {@code send}: its exit code and the summaries it printed. */
    record Finished(int exit, List<Summary> summaries, String log) {
        Summary of(LocalDate date) {
            return summaries.stream().filter(s -> s.date().equals(date)).findFirst()
                    .orElse(new Summary(date, 0, 0, 0, 0));
        }
    }

    final Path dir;
    final FaultDb db;
    final int readers;
    /** The SMTP port, held for the whole trial: refused while the server is down, never another process's. */
    private final ClosedPort port;
    RecordingSmtpServer smtp;
    private final Path config;
    private int processes;

    /** @param serverUp false to start with nothing listening on the SMTP port: {@link #serverUp()} starts it */
    Trial(Path dir, FaultDb template, int readers, boolean serverUp, String extraYaml) throws IOException, SQLException {
        this.dir = Files.createDirectories(dir);
        this.db = template.copy(dir);
        this.readers = readers;
        this.port = new ClosedPort();
        if (serverUp) {
            serverUp();
        }
        Path written = PaperboyProcess.config(dir, "paperboy.yaml", port.port(), db.url(), """
                digest:
                  maxPapers: 5
                delivery:
                  initialBackoffSeconds: 1
                  maxBackoffSeconds: 2
                web:
                  enabled: false
                """ + extraYaml);
        if (SECURITY.equals("starttls")) {
            // the same trials over STARTTLS: the server requires it, Paperboy trusts its certificate by smtp.caFile
            Files.writeString(written, Files.readString(written).replace("  security: none\n",
                    "  security: starttls\n  caFile: \"" + TestTls.certificatePem() + "\"\n"));
        }
        this.config = written;
    }

    /** {@code -Dfaults.security=starttls} runs every trial over STARTTLS (the server requires it); none by default. */
    static final String SECURITY = System.getProperty("faults.security", "none");

    /** Starts the recording SMTP server on the trial's port. */
    RecordingSmtpServer serverUp() throws IOException {
        smtp = new RecordingSmtpServer(port.port(), dir.resolve("accepted.log"));
        if (SECURITY.equals("starttls")) {
            smtp.serveTls(TestTls.serverContext(), false);
        }
        return smtp;
    }

    /** Starts {@code paperboy send --date DATE} on this trial's config. */
    Process send(LocalDate date) throws IOException {
        Path log = dir.resolve("send-" + (++processes) + ".log");
        Process p = PaperboyProcess.start(log, "send", "--date", date.toString(), "--preview", "", "--config", config.toString());
        logs.put(p, log);
        return p;
    }

    private final Map<Process, Path> logs = new java.util.HashMap<>();

    /** Starts {@code paperboy ARGS --config FILE}: another command, or another config on this trial's SMTP port. */
    Process start(Path configFile, String... args) throws IOException {
        Path log = dir.resolve(args[0] + "-" + (++processes) + ".log");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--config",
                configFile.toString())).toArray(String[]::new);
        Process p = PaperboyProcess.start(log, all);
        logs.put(p, log);
        return p;
    }

    /** This trial's config file. */
    Path config() {
        return config;
    }

    /** The port the trial's SMTP server listens on. */
    int smtpPort() {
        return port.port();
    }

    /** Waits for the process to end and reads what it printed. */
    Finished finish(Process p) throws InterruptedException {
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("send did not finish within 10 minutes: " + PaperboyProcess.log(logs.get(p)));
        }
        String log = PaperboyProcess.log(logs.get(p));
        List<Summary> summaries = new ArrayList<>();
        Matcher m = SUMMARY.matcher(log);
        while (m.find()) {
            summaries.add(new Summary(LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
        }
        return new Finished(p.exitValue(), summaries, log);
    }

    Finished run(LocalDate date) throws IOException, InterruptedException {
        return finish(send(date));
    }

    /** Waits until the condition holds or the process ended; true if it holds. */
    static boolean await(BooleanSupplier condition, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                return condition.getAsBoolean();
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** What the readers got: how many never got a message, extra copies, and readers whose copies differ in Message-ID. */
    record Tally(int lost, int duplicates, int mixedIds, int accepted) {
    }

    /** Tallies the accepted messages of a one-date trial. */
    Tally tally() {
        List<RecordingSmtpServer.Accepted> all = smtp.accepted();
        Map<String, List<String>> byReader = all.stream().collect(Collectors.groupingBy(RecordingSmtpServer.Accepted::recipient,
                Collectors.mapping(RecordingSmtpServer.Accepted::messageId, Collectors.toList())));
        int mixed = (int) byReader.values().stream().filter(ids -> ids.stream().distinct().count() > 1).count();
        return new Tally(readers - byReader.size(), all.size() - byReader.size(), mixed, all.size());
    }

    @Override
    public void close() throws IOException {
        for (Process p : logs.keySet()) {
            p.destroyForcibly();
        }
        if (smtp != null) {
            smtp.close();
        }
        port.close();
    }
}
