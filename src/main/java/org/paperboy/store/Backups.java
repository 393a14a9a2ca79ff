package org.paperboy.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * {@code paperboy backup} and {@code restore} of the embedded database. A backup is SQLite's
 * {@code VACUUM INTO}: one read transaction, so the copy is the database as it was at one commit,
 * taken while {@code run}, {@code serve} or a send goes on (WAL: the reader blocks no writer). A
 * restore replaces the file only while no process has it open, after checking that the copy is a
 * sound Paperboy database; the file it replaces is kept beside it. PostgreSQL has its own tools
 * ({@code pg_dump}, {@code pg_restore}): both commands refuse it, naming them.
 */
public final class Backups {

    /**
     * The byte of the {@code -shm} file every connection to a WAL database holds a shared lock on
     * while it is open (SQLite's "dead man switch", {@code UNIX_SHM_DMS} in os_unix.c: lock bytes
     * start at 120, eight of them, then this one). Whoever can lock it exclusively is alone.
     */
    static final long SHM_DMS_BYTE = 128;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Backups() {
    }

    /** What a backup wrote. */
    public record Written(Path file, long bytes) {
    }

    /** What a restore did: the file restored, and where the database it replaced was kept (null if there was none). */
    public record Restored(Path database, Path keptAs, long bytes) {
    }

    /** Copies the database into {@code target}, which must not exist yet. */
    public static Written backup(DatabaseConfig config, Path target) {
        Path db = sqliteFile(config, "backup",
                "for PostgreSQL use pg_dump: pg_dump -Fc -f paperboy.dump 'postgresql://USER@HOST/DB' (see the README)");
        if (!Files.exists(db)) {
            throw new StoreException("cannot back up " + db + ": no such database file", null);
        }
        if (Files.exists(target)) {
            throw new StoreException("cannot back up to " + target + ": the file exists (a backup never overwrites)", null);
        }
        Path tmp = target.toAbsolutePath().resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(tmp.getParent());
            Files.deleteIfExists(tmp);
            try (Connection c = connect(db, false); Statement s = c.createStatement()) {
                // one read transaction: the copy is the database at one commit, whatever is being written meanwhile
                s.execute("VACUUM INTO '" + tmp.toString().replace("'", "''") + "'");
            }
            fsync(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Written(target, Files.size(target));
        } catch (SQLException | IOException e) {
            deleteQuietly(tmp);
            throw new StoreException("cannot back up " + db + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the backup in the database's place: only a sound Paperboy database (SQLite's
     * integrity check passes, Flyway's history is there), and only while no process has the
     * database open, which this checks by the lock every open connection holds. The copy is
     * written beside the database first, then moved over it in one rename; the replaced file
     * (with its WAL) is kept as {@code NAME.replaced-STAMP}.
     */
    public static Restored restore(DatabaseConfig config, Path backup) {
        Path db = sqliteFile(config, "restore",
                "for PostgreSQL use pg_restore: pg_restore --clean --if-exists -d 'postgresql://USER@HOST/DB' paperboy.dump (see the README)");
        check(backup);
        Path dir = db.toAbsolutePath().getParent();
        Path tmp = dir.resolve(db.getFileName() + ".restoring");
        Path shm = sibling(db, "-shm");
        Path wal = sibling(db, "-wal");
        try {
            Files.createDirectories(dir);
            Files.copy(backup, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (Connection c = connect(tmp, false); Statement s = c.createStatement()) {
                // a backup is in rollback-journal mode; Paperboy's file is in WAL mode, so that every connection
                // holds the lock a later restore looks for, from the first open on
                s.execute("PRAGMA journal_mode = WAL");
            }
            fsync(tmp);
            Path kept = null;
            Path migrateLock = sibling(db, ".migrate-lock");
            try (FileChannel migrating = FileChannel.open(migrateLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock noMigration = migrating.tryLock();
                 FileChannel channel = FileChannel.open(shm, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock alone = channel.tryLock(SHM_DMS_BYTE, 1, false)) {
                if (noMigration == null || alone == null) {
                    throw new StoreException("cannot restore " + db + ": a Paperboy process has it open (serve, run, send or another"
                            + " command); stop it first (systemctl stop paperboy), then restore", null);
                }
                // no connection can open the database while the lock is held: the old file and its WAL are moved aside
                // together (a WAL left behind would be replayed into the restored file), then the copy takes its place
                if (Files.exists(db)) {
                    kept = sibling(db, ".replaced-" + STAMP.format(Instant.now()));
                    Files.move(db, kept, StandardCopyOption.ATOMIC_MOVE);
                    if (Files.exists(wal)) {
                        Files.move(wal, sibling(kept, "-wal"), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                Files.move(tmp, db, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(shm);
            }
            fsyncDirectory(dir);
            return new Restored(db, kept, Files.size(db));
        } catch (IOException | SQLException e) {
            deleteQuietly(tmp);
            throw new StoreException("cannot restore " + backup + " into " + db + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Whether the file is a sound Paperboy database: SQLite's integrity check, Flyway's history, the outbox and readers. */
    static void check(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new StoreException("cannot restore " + backup + ": no such file", null);
        }
        try (Connection c = connect(backup, true); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                String first = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(first)) {
                    throw new StoreException("cannot restore " + backup + ": SQLite's integrity check fails: " + first, null);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT MAX(installed_rank), COUNT(*) FROM flyway_schema_history WHERE success = 1");
                 ResultSet tables = c.createStatement().executeQuery(
                         "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('subscriber', 'delivery')")) {
                if (!rs.next() || rs.getLong(2) == 0 || !tables.next() || tables.getInt(1) != 2) {
                    throw new StoreException("cannot restore " + backup + ": not a Paperboy database (no migrations applied)", null);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot restore " + backup + ": not a Paperboy database: " + Database.rootMessage(e), e);
        }
    }

    private static Path sqliteFile(DatabaseConfig config, String command, String instead) {
        return config.file().orElseThrow(() -> new StoreException(command + " copies the embedded SQLite database; " + instead, null));
    }

    private static Path sibling(Path file, String suffix) {
        return file.toAbsolutePath().resolveSibling(file.getFileName() + suffix);
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        Properties p = new Properties();
        p.setProperty("busy_timeout", "60000");
        if (readOnly) {
            p.setProperty("open_mode", "1");   // SQLITE_OPEN_READONLY: a check never writes into the file it checks
        }
        return DriverManager.getConnection(SqliteFile.PREFIX + file.toAbsolutePath(), p);
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be synced; the rename is done either way
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the operator; the message names the failure that matters
        }
    }
}
