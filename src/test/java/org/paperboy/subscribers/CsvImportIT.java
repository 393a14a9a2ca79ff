package org.paperboy.subscribers;

import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.ConfigException;
import org.paperboy.ranking.Preferences;
import org.paperboy.testing.Databases;

/** Importing subscribers from CSV into a real SQLite file and PostgreSQL. */
class CsvImportIT {

    @TempDir
    Path dir;

    private Database db;
    private final Instant now = Instant.parse("2026-11-20T08:00:00Z");

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private CsvImport importer(String kind) {
        db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2));
        return new CsvImport(db, List.of("rl", "diffusion", "llm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void importsTheGoodRowsAndNamesEachBadOne(String kind) throws IOException {
        Path csv = Files.writeString(dir.resolve("list.csv"), """
                email,topics,keywords
                alice@example.org,rl;diffusion,protein folding
                not-an-address,rl,
                bob@Example.org,,
                carol@example.org,astrology,
                "dave@example.org","llm","tokenizer; sparse attention"
                alice@example.org,llm,
                """);
        CsvImport.Report report = importer(kind).run(csv, Status.CONFIRMED, now);
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.rejected()).extracting(CsvImport.Rejected::line).containsExactly(3L, 5L, 7L);
        assertThat(report.rejected().get(0).reason()).contains("not-an-address");
        assertThat(report.rejected().get(1).reason()).isEqualTo("unknown topic \"astrology\"");
        assertThat(report.rejected().get(2).reason()).isEqualTo("duplicate of line 2");
        SubscriberStore store = new SubscriberStore(db);
        Subscriber dave = store.find("dave@example.org").orElseThrow();
        assertThat(dave.keywords()).containsExactly("sparse attention", "tokenizer");
        assertThat(dave.status()).isEqualTo(Status.CONFIRMED);
        assertThat(dave.consent().source()).isEqualTo("import:confirmed");
        assertThat(store.find("bob@example.org").orElseThrow().email()).isEqualTo("bob@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void runningItAgainChangesNothingAndNeverResubscribesTheUnsubscribed(String kind) throws IOException {
        Path csv = Files.writeString(dir.resolve("list.csv"), "email,topics\nerin@example.org,rl\nfrank@example.org,\n");
        CsvImport importer = importer(kind);
        SubscriberStore store = new SubscriberStore(db);
        store.subscribe("frank@example.org", Preferences.NONE, Frequency.DAILY, new Consent("web", null, null, "v", now), true);
        store.unsubscribe(store.find("frank@example.org").orElseThrow().id(), now, UnsubscribeReason.USER);
        CsvImport.Report first = importer.run(csv, Status.CONFIRMED, now);
        List<Subscriber> before = store.list(null);
        CsvImport.Report second = importer.run(csv, Status.CONFIRMED, now.plusSeconds(3600));
        assertThat(first.imported()).isEqualTo(1);
        assertThat(first.alreadyPresent()).isEqualTo(1);
        assertThat(second.imported()).isZero();
        assertThat(second.alreadyPresent()).isEqualTo(2);
        assertThat(store.list(null)).isEqualTo(before);
        assertThat(store.find("frank@example.org").orElseThrow().status()).isEqualTo(Status.UNSUBSCRIBED);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE})
    void aFileWithoutAnEmailColumnIsNamed(String kind) throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "address,topics\nx@example.org,rl\n");
        CsvImport importer = importer(kind);
        assertThatThrownBy(() -> importer.run(csv, Status.CONFIRMED, now)).isInstanceOf(ConfigException.class)
                .hasMessage(csv + " line 1: the header must name an \"email\" column; the first line must name the columns,"
                        + " e.g. email,status,topics,keywords (as `subscribers export --csv` writes)");
    }
}
