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

    /** Creates the folder the file goes in. */
    static void prepare(String url) {
        Path parent = file(url).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the database folder " + parent + ": " + e.getMessage(), e);
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
