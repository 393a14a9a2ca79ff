package org.paperboy.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.app.Paperboy;
import org.paperboy.bounces.LocalSource;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.testing.Databases;
import org.paperboy.testing.TestSetup;

/**
 * {@code subscribers forget}: a reader's votes, sends, tokens and address in returned mail are
 * erased; only a hash stays, which keeps an import from mailing them again. Both databases.
 */
class ForgetIT {

    static final String ALICE = "alice@example.org";

    @TempDir
    Path dir;

    private Paperboy paperboy;

    @AfterEach
    void close() {
        if (paperboy != null) {
            paperboy.close();
        }
    }

    private long count(String sql, Object arg) {
        return paperboy.database().transaction(c -> {
            try (var ps = c.prepareStatement(sql)) {
                ps.setObject(1, arg);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aForgottenReaderLeavesOnlyAHashAndIsNeverMailedAgain(String db) throws Exception {
        paperboy = Paperboy.wire(TestSetup.config(dir, null, Databases.fresh(db, dir)));
        Consent cli = new Consent("cli", "192.0.2.7", "curl/8", "v1", Instant.parse("2026-11-01T00:00:00Z"));
        long alice = paperboy.subscriptions().subscribe(ALICE, Preferences.of(List.of(), List.of("robots")), Frequency.DAILY, cli, true,
                Runnable::run).subscriber().id();
        paperboy.subscriptions().subscribe("bob@example.org", Preferences.NONE, Frequency.DAILY, cli, true, Runnable::run);
        paperboy.send(paperboy.deliveryRun(), LocalDate.of(2026, 11, 20), List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
        paperboy.subscriptions().votes().vote(alice, "some-paper", true, Instant.parse("2026-11-20T09:00:00Z"));
        Path md = dir.resolve("Maildir");
        Files.createDirectories(md.resolve("new"));
        Files.createDirectories(md.resolve("cur"));
        Files.createDirectories(md.resolve("tmp"));
        Files.writeString(md.resolve("new").resolve("1.test"), "From: MAILER-DAEMON@x.example\nTo: bounces@paperboy.test\n"
                + "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <b1@x.example>\nX-Failed-Recipients: " + ALICE + "\n\n"
                + "Your message could not be delivered to " + ALICE + ": 550 5.1.1 user unknown\n", StandardCharsets.UTF_8);
        paperboy.bounceProcessor().process(new LocalSource(md));
        assertThat(count("SELECT COUNT(*) FROM bounce_event WHERE recipient = ?", ALICE)).as("the returned mail named her").isPositive();

        Forgetting.Erased erased = new Forgetting(paperboy.database()).forget("Alice@Example.org", Instant.parse("2026-11-21T00:00:00Z"))
                .orElseThrow();

        assertThat(erased.id()).isEqualTo(alice);
        assertThat(erased.votes()).isEqualTo(1);
        assertThat(erased.deliveries()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM subscriber WHERE email = ?", ALICE) + count(
                "SELECT COUNT(*) FROM subscriber WHERE email_key = ?", ALICE)).isZero();
        assertThat(count("SELECT COUNT(*) FROM bounce_event WHERE recipient = ?", ALICE)).isZero();
        assertThat(count("SELECT COUNT(*) FROM vote WHERE subscriber_id = ?", alice)).isZero();
        assertThat(count("SELECT COUNT(*) FROM delivery WHERE subscriber_id = ?", alice)).isZero();
        Subscriber gone = paperboy.subscribers().find(alice).orElseThrow();
        assertThat(gone.status()).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(gone.unsubscribeReason()).isEqualTo(UnsubscribeReason.FORGOTTEN);
        assertThat(gone.email()).doesNotContain("alice");
        assertThat(gone.topics()).isEmpty();
        assertThat(gone.keywords()).isEmpty();
        assertThat(gone.consent().ip()).isNull();
        assertThat(paperboy.subscribers().find("bob@example.org")).isPresent();
        assertThat(new Forgetting(paperboy.database()).forget(ALICE, Instant.now())).as("forgetting twice finds nobody").isEmpty();

        Path list = dir.resolve("list.csv");
        Files.writeString(list, "email\n" + ALICE + "\ncarol@example.org\n");
        CsvImport.Report imported = new CsvImport(paperboy.database(), paperboy.topicSlugs()).run(list, Status.CONFIRMED, Instant.now());
        assertThat(imported.imported()).as("only carol").isEqualTo(1);
        assertThat(paperboy.subscribers().find(ALICE)).as("an import does not bring her back").isEmpty();

        assertThat(paperboy.subscriptions().subscribe(ALICE, Preferences.NONE, Frequency.DAILY, cli, false, Runnable::run).subscriber()
                .status()).as("she may subscribe again herself, double opt-in").isEqualTo(Status.PENDING);
    }
}
