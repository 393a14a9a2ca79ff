package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.paperboy.delivery.DeliveryRun;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.TestSetup;

/** {@code kill -9} in the middle of {@code bounces process}: nothing lost, nothing counted twice. Needs target/paperboy.jar. */
class BounceCrashIT {

    static final int MAILS = 8_000;

    @TempDir
    Path dir;

    @Test
    void aKilledRunLosesNoMailAndARerunCountsNothingTwice() throws Exception {
        String db = TestSetup.sqliteUrl(dir);
        String[] messageIds = new String[2];
        try (Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, null, db))) {
            List<String> readers = List.of("alice@example.org", "bob@example.org");
            for (String r : readers) {
                paperboy.subscriptions().subscribe(r, Preferences.NONE, Frequency.DAILY,
                        new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
            }
            // the digest they were sent (into the outbox folder): the bounces quote its Message-IDs, the proof they are ours
            paperboy.send(paperboy.deliveryRun(), LocalDate.of(2026, 11, 20), List.of("seeds"),
                    new DeliveryRun.Options(false, null, false, null));
            for (int i = 0; i < 2; i++) {
                long id = paperboy.subscribers().find(readers.get(i)).orElseThrow().id();
                messageIds[i] = paperboy.database().transaction(c -> {
                    try (var ps = c.prepareStatement("SELECT message_id FROM delivery WHERE subscriber_id = ?")) {
                        ps.setLong(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getString(1);
                        }
                    }
                });
            }
        }
        Path md = maildir(messageIds[0], messageIds[1]);
        Path config = PaperboyProcess.config(dir, "paperboy.yaml", 2525, db, "");
        Path log = dir.resolve("process.log");

        Process first = PaperboyProcess.start(log, "bounces", "process", md.toString(), "-c", config.toString());
        waitFor(() -> count(md.resolve("cur")) >= 200, first, log);
        assertThat(first.isAlive()).as("still processing when killed").isTrue();
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
        assertThat(count(md.resolve("new"))).as("the kill left mail unprocessed").isPositive();

        Process second = PaperboyProcess.start(log, "bounces", "process", md.toString(), "-c", config.toString());
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).as(PaperboyProcess.log(log)).isTrue();
        assertThat(second.exitValue()).as(PaperboyProcess.log(log)).isZero();

        assertThat(count(md.resolve("new")) + count(md.resolve("cur"))).as("no mail lost").isEqualTo(MAILS);
        assertThat(count(md.resolve("new"))).isZero();
        try (Stream<Path> cur = Files.list(md.resolve("cur"))) {
            assertThat(cur.map(f -> f.getFileName().toString())).as("the killed run's claims taken back, the mails seen")
                    .allMatch(n -> n.endsWith(":2,S"));
        }
        try (Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, null, db))) {
            assertThat(scalar(paperboy, "SELECT COUNT(*) FROM bounce_event")).as("one event per mail").isEqualTo(MAILS);
            assertThat(scalar(paperboy, "SELECT COUNT(DISTINCT mail_key) FROM bounce_event")).isEqualTo(MAILS);
            assertThat(scalar(paperboy, "SELECT COUNT(*) FROM bounce_event WHERE subscriber_id IS NOT NULL AND kind = 'soft'"))
                    .as("bob's soft bounces counted once each").isEqualTo(2);
            assertThat(paperboy.subscribers().find("alice@example.org").orElseThrow().status()).isEqualTo(Status.BOUNCED);
            assertThat(paperboy.subscribers().find("bob@example.org").orElseThrow().status()).isEqualTo(Status.CONFIRMED);
        }
    }

    /** alice's hard bounce and bob's two soft ones near the end, quoting our messages to them; the rest for strangers. */
    private Path maildir(String toAlice, String toBob) throws Exception {
        Path md = dir.resolve("Maildir");
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(md.resolve(sub));
        }
        for (int i = 0; i < MAILS; i++) {
            String to = i == MAILS - 3 ? "alice@example.org" : i >= MAILS - 2 ? "bob@example.org" : "reader" + i + "@example.net";
            String id = i == MAILS - 3 ? toAlice : i >= MAILS - 2 ? toBob : "elsewhere-" + i + "@example.net";
            String template = new String(Fixtures.mail("postfix-userunknown.eml", Fixtures.ALICE, Fixtures.ALICE_VERP, id), StandardCharsets.UTF_8);
            String soft = new String(Fixtures.mail("postfix-mailboxfull.eml", Fixtures.ALICE, Fixtures.ALICE_VERP, id), StandardCharsets.UTF_8);
            String text = (i >= MAILS - 2 ? soft : template).replace(Fixtures.ALICE, to)
                    .replace("A1@mx", "A1-" + i + "@mx").replace("A2@mx", "A2-" + i + "@mx");
            Files.writeString(md.resolve("new").resolve(String.format("%08d.M%d.test", i, i)), text);
        }
        return md;
    }

    private static long count(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int scalar(Paperboy paperboy, String sql) {
        return paperboy.database().transaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Process process, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the process never got going: " + PaperboyProcess.log(log));
            }
            Thread.sleep(20);
        }
    }
}
