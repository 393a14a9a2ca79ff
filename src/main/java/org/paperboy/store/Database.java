package org.paperboy.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The one database of a Paperboy installation: subscribers, the outbox, the archive and the
 * scheduler's tables. An SQLite file by default (several processes share it: the daemon and the
 * CLI), PostgreSQL for clusters. Pooled by HikariCP; the schema is brought up to date by Flyway on
 * open, from the migrations of the database's dialect.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Dialect dialect;
    /**
     * SQLite has one writer at a time, and every transaction here begins IMMEDIATE; the threads of
     * one process take turns on this fair lock rather than in SQLite's busy handler, which sleeps.
     * Other processes still wait in the busy handler (up to its timeout).
     */
    private final ReentrantLock turns;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.turns = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    public static Database open(DatabaseConfig config) {
        Dialect dialect = config.dialect();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("paperboy");
        hikari.setConnectionTimeout(30_000);
        hikari.setInitializationFailTimeout(30_000);
        if (dialect == Dialect.SQLITE) {
            SqliteFile.prepare(config.url());
            SqliteFile.properties().forEach((k, v) -> hikari.addDataSourceProperty((String) k, v));
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + org.paperboy.Redact.text(config.url()) + ": " + rootMessage(e), e);
        }
        try {
            migrate(pool, dialect, config.url());
        } catch (FlywayException | StoreException e) {
            pool.close();
            throw new StoreException("cannot migrate the database " + org.paperboy.Redact.text(config.url()) + ": " + rootMessage(e), e);
        }
        return new Database(pool, dialect);
    }

    private static void migrate(DataSource pool, Dialect dialect, String url) {
        // migrations written once for both dialects live in db/common, the rest in the dialect's folder (docs/schema.md)
        Flyway flyway = Flyway.configure().dataSource(pool).locations("classpath:db/common", "classpath:db/" + dialect.folder()).load();
        if (dialect == Dialect.SQLITE) {
            // two processes starting at once must not both create the schema: SQLite has no
            // migration lock of its own, so a file lock beside the database serialises them
            SqliteFile.whileLocked(url, flyway::migrate);
        } else {
            flyway.migrate();
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    public boolean isPostgres() {
        return dialect == Dialect.POSTGRES;
    }

    /** Runs the work in one transaction: all of it is committed, or none. */
    public <T> T transaction(Work<T> work) {
        if (turns == null) {
            return inTransaction(work);
        }
        turns.lock();
        try {
            return inTransaction(work);
        } finally {
            turns.unlock();
        }
    }

    private <T> T inTransaction(Work<T> work) {
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

    public static String rootMessage(Throwable e) {
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
