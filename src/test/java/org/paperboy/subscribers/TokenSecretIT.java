package org.paperboy.subscribers;

import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.testing.Databases;
import org.paperboy.testing.TestSetup;

/** The generated link secret is kept in the database: one per installation, whoever asks first. */
class TokenSecretIT {

    @TempDir
    Path dir;

    private final List<Database> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(Database::close);
    }

    private Database open(DatabaseConfig config) {
        Database db = Database.open(config);
        open.add(db);
        return db;
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void everyConnectionToOneDatabaseGetsTheSameGeneratedSecret(String kind) throws Exception {
        DatabaseConfig config = new DatabaseConfig(Databases.fresh(kind, dir), null, null, 4);
        Database first = open(config);
        Database second = open(config);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> secrets = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Database db = i % 2 == 0 ? first : second;
                secrets.add(pool.submit((Callable<String>) () -> TokenSecret.resolve(TokensConfig.DEFAULTS, db, config)));
            }
            Set<String> distinct = new java.util.HashSet<>();
            for (Future<String> s : secrets) {
                distinct.add(s.get());
            }
            assertThat(distinct).hasSize(1);
            assertThat(distinct.iterator().next()).hasSizeGreaterThanOrEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theConfiguredSecretWinsAndNothingIsStored() {
        DatabaseConfig config = new DatabaseConfig(Databases.fresh(Databases.SQLITE, dir), null, null, 2);
        Database db = open(config);
        assertThat(TokenSecret.resolve(new TokensConfig(TestSetup.SECRET), db, config)).isEqualTo(TestSetup.SECRET);
        assertThat(TokenSecret.resolve(TokensConfig.DEFAULTS, db, config)).isNotEqualTo(TestSetup.SECRET);
    }

    @Test
    void aSecretAnOlderVersionGeneratedBesideTheDatabaseIsAdoptedSoMailedLinksStillWork() throws Exception {
        Files.writeString(dir.resolve("token-secret"), "an-older-generated-secret-0123456789\n");
        DatabaseConfig config = new DatabaseConfig(TestSetup.sqliteUrl(dir), null, null, 2);
        Database db = open(config);
        assertThat(TokenSecret.resolve(TokensConfig.DEFAULTS, db, config)).isEqualTo("an-older-generated-secret-0123456789");
        Files.delete(dir.resolve("token-secret"));
        assertThat(TokenSecret.resolve(TokensConfig.DEFAULTS, db, config)).isEqualTo("an-older-generated-secret-0123456789");
    }
}
