package org.paperboy.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * How Paperboy opens its SQLite file. WAL lets readers and one writer work at once, across
 * processes. {@code synchronous=NORMAL} in WAL mode: a commit is in the WAL file when it returns,
 * so it survives a crash of the process (kill -9); the WAL is synced at checkpoints, so a power
 * loss or an OS crash can roll back the last commits but never corrupts the file (SQLite's
 * documented guarantee) — the outbox then sends those messages again, with their Message-IDs.
 * Syncing every commit ({@code FULL}) would cost a disk flush per outcome. Every transaction
 * begins IMMEDIATE (takes the write lock at once), so a transaction never fails half-way on a lock
 * another process holds; it waits up to the busy timeout instead.
 */
final class SqliteFile {

    static final String PREFIX = "jdbc:sqlite:";

    private SqliteFile() {
    }

    static Properties properties() {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "NORMAL");
        p.setProperty("busy_timeout", "60000");
        p.setProperty("foreign_keys", "true");
        p.setProperty("transaction_mode", "IMMEDIATE");
        // a page cache of 32 MB a connection (SQLite's default is 2 MB): the outbox's indexes of a
        // large send stay in memory while it is planned and sent
        p.setProperty("cache_size", "-32768");
        p.setProperty("temp_store", "MEMORY");
        return p;
    }

    /** The database file a {@code jdbc:sqlite:} URL names. */
    static Path file(String url) {
        String path = url.substring(PREFIX.length());
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        return Path.of(path);
    }

    /**
     * Creates the folder the file goes in, and a new file in incremental auto-vacuum mode (set
     * before its first table, the only time it can be without a VACUUM), so that what retention
     * deletes can be given back to the file system ({@code PRAGMA incremental_vacuum}).
     */
    static void prepare(String url) {
        Path file = file(url).toAbsolutePath();
        Path parent = file.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the database folder " + parent + ": " + e.getMessage(), e);
        }
        if (!Files.exists(file)) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(PREFIX + file);
                 java.sql.Statement s = c.createStatement()) {
                s.execute("PRAGMA auto_vacuum = INCREMENTAL");
                s.execute("PRAGMA journal_mode = WAL");   // writes the header, with the mode
            } catch (java.sql.SQLException e) {
                throw new StoreException("cannot create the database " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Runs the work while holding an exclusive lock on a file beside the database. */
    static void whileLocked(String url, Runnable work) {
        Path lock = file(url).toAbsolutePath().resolveSibling(file(url).getFileName() + ".migrate-lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            work.run();
        } catch (IOException e) {
            throw new StoreException("cannot lock " + lock + ": " + e.getMessage(), e);
        }
    }
}
