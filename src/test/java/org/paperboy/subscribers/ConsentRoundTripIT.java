package org.paperboy.subscribers;

import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.ConfigException;
import org.paperboy.ranking.Preferences;
import org.paperboy.testing.Databases;

/** Consent survives export and import: every status, choice and proof restored; nobody who left comes back. */
class ConsentRoundTripIT {

    private static final List<String> TOPICS = List.of("rl", "diffusion", "llm");

    @TempDir
    Path dir;

    private final List<Database> open = new ArrayList<>();
    private final Instant now = Instant.parse("2026-11-20T08:00:00.123Z");

    @AfterEach
    void close() {
        open.forEach(Database::close);
    }

    private SubscriberStore freshStore(String kind) {
        Database db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2));
        open.add(db);
        return new SubscriberStore(db);
    }

    /** One reader in each state a list holds. */
    private void everyKindOfReader(SubscriberStore store) {
        Consent web = new Consent("web", "203.0.113.7", "Mozilla/5.0 (X11; Linux)", "2026-11-v1", now);
        Consent cli = new Consent("cli", null, null, "2026-11-v1", now.plusSeconds(60));
        long alice = store.subscribe("alice@example.org", Preferences.of(List.of("rl", "diffusion"), List.of("protein folding")),
                Frequency.WEEKLY, web, true).subscriber().id();
        store.database().transaction(c -> c.createStatement().executeUpdate("INSERT INTO paper (paper_id, title, first_date)"
                + " VALUES ('2504.00001', 'RobustDexGrasp: \"robust\", dexterous; grasping', '2026-11-19')"));
        store.votes().vote(alice, "2504.00001", true, now);
        store.votes().vote(alice, "a-paper-known-only-by-its-slug", false, now.plusSeconds(5));
        store.subscribe("bob@example.org", Preferences.NONE, Frequency.DAILY, web, false);
        long carol = store.subscribe("carol@example.org", Preferences.NONE, Frequency.DAILY, cli, true).subscriber().id();
        store.unsubscribe(carol, now.plusSeconds(3600), UnsubscribeReason.ONE_CLICK);
        long dan = store.subscribe("dan@example.org", Preferences.of(List.of("llm"), List.of()), Frequency.DAILY, cli, true).subscriber().id();
        store.unsubscribe(dan, now.plusSeconds(7200), UnsubscribeReason.COMPLAINT);
        long erin = store.subscribe("erin@example.org", Preferences.NONE, Frequency.DAILY, cli, true).subscriber().id();
        store.recordHardBounce(erin, 2);
        store.recordHardBounce(erin, 2);
        long frank = store.subscribe("frank@example.org", Preferences.NONE, Frequency.DAILY, cli, true).subscriber().id();
        store.unsubscribe(frank, now.plusSeconds(100), UnsubscribeReason.USER);
        store.subscribe("frank@example.org", Preferences.of(List.of("rl"), List.of()), Frequency.DAILY, web, false);
        long gina = store.subscribe("gina@example.org", Preferences.NONE, Frequency.DAILY, cli, true).subscriber().id();
        store.recordHardBounce(gina, 2);
    }

    private Path export(SubscriberStore store) throws IOException {
        StringBuilder csv = new StringBuilder();
        new CsvExport(store).write(csv);
        return Files.writeString(dir.resolve("export-" + System.nanoTime() + ".csv"), csv);
    }

    private static List<Subscriber> withoutIds(SubscriberStore store) {
        return store.list(null).stream().map(s -> new Subscriber(0, s.email(), s.status(), s.preferences(), s.frequency(),
                s.createdAt(), s.confirmedAt(), s.unsubscribedAt(), s.unsubscribeReason(), s.hardBounces(), s.consent())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void exportThenImportIntoAFreshDatabaseRestoresEveryReaderExactly(String kind) throws IOException {
        SubscriberStore source = freshStore(kind);
        everyKindOfReader(source);
        Path file = export(source);

        SubscriberStore restored = freshStore(kind);
        CsvImport.Report report = new CsvImport(restored.database(), TOPICS).run(file, null, now.plusSeconds(86_400));

        assertThat(report.rejected()).isEmpty();
        assertThat(report.imported()).isEqualTo(7);
        assertThat(withoutIds(restored)).isEqualTo(withoutIds(source));
        assertThat(restored.list(Status.CONFIRMED)).extracting(Subscriber::email)
                .containsExactly("alice@example.org", "gina@example.org");
        Subscriber dan = restored.find("dan@example.org").orElseThrow();
        assertThat(dan.status()).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(dan.unsubscribeReason()).isEqualTo(UnsubscribeReason.COMPLAINT);
        assertThat(restored.find("alice@example.org").orElseThrow().consent().userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux)");
        long alice = restored.find("alice@example.org").orElseThrow().id();
        assertThat(restored.votes().of(alice)).as("votes travel, with their papers' titles")
                .extracting(Votes.Vote::paperId, Votes.Vote::more, Votes.Vote::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a-paper-known-only-by-its-slug", false, "a-paper-known-only-by-its-slug"),
                        org.assertj.core.groups.Tuple.tuple("2504.00001", true, "RobustDexGrasp: \"robust\", dexterous; grasping"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void importingTheExportBackChangesNobody(String kind) throws IOException {
        SubscriberStore store = freshStore(kind);
        everyKindOfReader(store);
        List<Subscriber> before = store.list(null);

        CsvImport.Report report = new CsvImport(store.database(), TOPICS).run(export(store), Status.CONFIRMED, now.plusSeconds(86_400));

        assertThat(report.imported()).isZero();
        assertThat(report.suppressed()).isZero();
        assertThat(report.alreadyPresent()).isEqualTo(7);
        assertThat(store.list(null)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void suppressionsAreKeptAndNobodyWhoLeftIsRevived(String kind) throws IOException {
        SubscriberStore store = freshStore(kind);
        Consent cli = new Consent("cli", null, null, "v1", now);
        store.subscribe("still@example.org", Preferences.NONE, Frequency.DAILY, cli, true);
        long gone = store.subscribe("gone@example.org", Preferences.NONE, Frequency.DAILY, cli, true).subscriber().id();
        store.unsubscribe(gone, now, UnsubscribeReason.USER);
        Path file = Files.writeString(dir.resolve("other-list.csv"), """
                email,status,unsubscribe_reason,hard_bounces
                still@example.org,unsubscribed,complaint,
                gone@example.org,confirmed,,
                new-bounce@example.org,bounced,,3
                new-leaver@example.org,unsubscribed,,
                """);

        CsvImport.Report report = new CsvImport(store.database(), TOPICS).run(file, null, now.plusSeconds(60));

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.suppressed()).isEqualTo(1);
        assertThat(report.alreadyPresent()).isEqualTo(1);
        assertThat(store.list(Status.CONFIRMED)).isEmpty();
        assertThat(store.list(Status.PENDING)).isEmpty();
        Subscriber still = store.find("still@example.org").orElseThrow();
        assertThat(still.status()).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(still.unsubscribeReason()).isEqualTo(UnsubscribeReason.COMPLAINT);
        assertThat(store.find("gone@example.org").orElseThrow().unsubscribeReason()).isEqualTo(UnsubscribeReason.USER);
        Subscriber bounce = store.find("new-bounce@example.org").orElseThrow();
        assertThat(bounce.status()).isEqualTo(Status.BOUNCED);
        assertThat(bounce.hardBounces()).isEqualTo(3);
        Subscriber leaver = store.find("new-leaver@example.org").orElseThrow();
        assertThat(leaver.unsubscribeReason()).isEqualTo(UnsubscribeReason.IMPORT);
        assertThat(leaver.unsubscribedAt()).isEqualTo(now.plusSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE})
    void aFileWithoutStatusNeedsAnExplicitOneWhichBecomesTheConsentSource(String kind) throws IOException {
        SubscriberStore store = freshStore(kind);
        Path file = Files.writeString(dir.resolve("plain.csv"), "email,topics\nhana@example.org,rl\n");
        CsvImport importer = new CsvImport(store.database(), TOPICS);

        assertThatThrownBy(() -> importer.run(file, null, now)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": the file has no status column; say what its readers agreed to with --status confirmed"
                        + " (they opted in elsewhere) or --status pending");
        importer.run(file, Status.PENDING, now);

        Subscriber hana = store.find("hana@example.org").orElseThrow();
        assertThat(hana.status()).isEqualTo(Status.PENDING);
        assertThat(hana.consent().source()).isEqualTo("import:pending");
        assertThat(hana.confirmedAt()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void badRowsAreRejectedWithTheirLineAndTheGoodOnesKept(String kind) throws IOException {
        SubscriberStore store = freshStore(kind);
        String huge = "x".repeat(1 << 20);
        Path file = Files.writeString(dir.resolve("mixed.csv"), "email,status,keywords,consent_source\n"
                + "good@example.org,confirmed,rl,\n"
                + "huge@example.org,confirmed," + huge + ",\n"
                + "odd@example.org,subscribed,,\n"
                + "not-an-address,confirmed,,\n"
                + "blank@example.org,,,\n"
                + "long@example.org,confirmed,,a-consent-source-that-is-too-long\n"
                + "extra@example.org,confirmed,,,surplus\n"
                + "also-good@example.org,pending,,\n");

        CsvImport.Report report = new CsvImport(store.database(), TOPICS).run(file, null, now);

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.rejected()).extracting(CsvImport.Rejected::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(report.rejected()).extracting(CsvImport.Rejected::reason).containsExactly(
                "keywords is 1048576 characters long, at most 1000",
                "status: unknown status \"subscribed\" (pending, confirmed, unsubscribed or bounced)",
                "\"not-an-address\" is not a valid email address (Missing final '@domain')",
                "status is empty and no --status was given",
                "consent_source is 33 characters long, at most 16",
                "the row has 5 fields, the header 4");
        assertThat(store.list(null)).extracting(Subscriber::email).containsExactly("good@example.org", "also-good@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE})
    void aFileWithoutHeaderIsOneLineNamingTheFile(String kind) throws IOException {
        SubscriberStore store = freshStore(kind);
        CsvImport importer = new CsvImport(store.database(), TOPICS);
        Path address = Files.writeString(dir.resolve("a.csv"), "ivan@example.org,rl\njo@example.org,llm\n");
        Path blanks = Files.writeString(dir.resolve("b.csv"), "ivan@example.org,,\n");

        assertThatThrownBy(() -> importer.run(address, Status.CONFIRMED, now)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(address + " line 1: no header, the line holds an address; the first line must name");
        assertThatThrownBy(() -> importer.run(blanks, Status.CONFIRMED, now)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(blanks + " line 1: not a header (").hasMessageNotContaining("\n");
        assertThat(store.list(null)).isEmpty();
    }
}
