package org.paperboy.subscribers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.paperboy.Redact;

/**
 * The one database of a Paperboy installation: subscribers, the outbox, the archive and the
 * scheduler's tables. Pooled by HikariCP; the schema is brought up to date by Flyway on open.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final boolean postgres;

    private Database(HikariDataSource pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
    }

    public static Database open(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl(config.url()));
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("paperboy");
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException(Redact.text("cannot open the database " + config.url() + ": " + rootMessage(e), config.password()), e);
        }
        try {
            // the common schema, plus the Quartz tables in each database's own dialect
            String quartz = config.isPostgres() ? "classpath:db/quartz/postgresql" : "classpath:db/quartz/h2";
            Flyway.configure().dataSource(pool).locations("classpath:db/migration", quartz).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException(Redact.text("cannot migrate the database " + config.url() + ": " + rootMessage(e), config.password()), e);
        }
        return new Database(pool, config.isPostgres());
    }

    /**
     * H2 closes its database in its own shutdown hook, which would cut a stopping send off in the
     * middle of recording what it sent; we close the pool ourselves, after the last write. (H2 does
     * not allow this together with AUTO_SERVER=TRUE, which a user may choose to share the file.)
     * And every commit is written out at once.
     */
    static String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase();
        // the async file system is not closed by Thread.interrupt(), which Quartz sends its threads on
        // shutdown; H2's default channel would close the whole database when interrupted mid-write
        String h2 = url.startsWith("jdbc:h2:file:") ? "jdbc:h2:async:" + url.substring("jdbc:h2:file:".length()) : url;
        if (!upper.contains("DB_CLOSE_ON_EXIT") && !upper.contains("AUTO_SERVER=TRUE")) {
            h2 += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        // H2 otherwise writes commits out up to half a second later: a kill -9 would lose what the
        // outbox recorded as sent, and those readers would be mailed again
        if (!upper.contains("WRITE_DELAY")) {
            h2 += ";WRITE_DELAY=0";
        }
        return h2;
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Runs the work in one transaction: all of it is committed, or none. */
    public <T> T transaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** A unit of database work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        pool.close();
    }
}
