package org.paperboy.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases store tests run on: an SQLite file always, and PostgreSQL where one was started
 * ({@code .ci/postgres.sh} exports PAPERBOY_TEST_PG_URL). Outside CI a missing PostgreSQL skips
 * with a message; under {@code .ci/run} (PAPERBOY_CI set) it fails, so it is never silently passed.
 */
public final class Databases {

    public static final String SQLITE = "sqlite";
    public static final String POSTGRES = "postgres";

    private Databases() {
    }

    /** A fresh, empty database of the kind, as a JDBC URL. */
    public static String fresh(String kind, Path dir) {
        if (kind.equals(SQLITE)) {
            return TestSetup.sqliteUrl(dir.resolve("sqlite-" + UUID.randomUUID()));
        }
        String base = postgresUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on " + base + ": " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static String postgresUrl() {
        String url = System.getenv("PAPERBOY_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if (System.getenv("PAPERBOY_CI") != null) {
                throw new IllegalStateException("PAPERBOY_TEST_PG_URL is not set under CI: .ci/run must start PostgreSQL");
            }
            assumeTrue(false, "no PostgreSQL: set PAPERBOY_TEST_PG_URL (eval \"$(bash .ci/postgres.sh)\") to run the PostgreSQL tests");
        }
        return url;
    }
}
