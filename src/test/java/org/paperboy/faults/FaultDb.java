package org.paperboy.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.Databases;
import org.paperboy.testing.TestSetup;

/**
 * One database a fault trial runs on (an SQLite file or a PostgreSQL schema), filled with the
 * readers of a template made once, and looked at from outside Paperboy: plain JDBC for the outbox
 * states, the database's own command-line tool for the integrity check between a kill and a restart.
 */
record FaultDb(String kind, String url) {

    /** A database with {@code readers} confirmed daily readers, to copy trials' databases from. */
    static FaultDb template(String kind, Path dir, int readers) {
        FaultDb db = new FaultDb(kind, Databases.fresh(kind, dir));
        try (Paperboy setup = Paperboy.wire(TestSetup.config(dir, null, db.url()))) {
            for (int i = 0; i < readers; i++) {
                setup.subscriptions().subscribe("reader" + i + "@example.org", Preferences.NONE, Frequency.DAILY,
                        new Consent("cli", null, null, "v1", Instant.now()), true, Runnable::run);
            }
        }
        return db;
    }

    /** A fresh database (migrated by Paperboy itself) holding the template's readers. */
    FaultDb copy(Path dir) throws SQLException {
        FaultDb db = new FaultDb(kind, Databases.fresh(kind, dir));
        try (Paperboy migrate = Paperboy.wire(TestSetup.config(dir, null, db.url()))) {
            migrate.database();
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (sqlite()) {
                s.execute("ATTACH DATABASE '" + file().toString().replace("'", "''") + "' AS tmpl");
                s.executeUpdate("INSERT INTO subscriber SELECT * FROM tmpl.subscriber");
                s.execute("DETACH DATABASE tmpl");
            } else {
                s.executeUpdate("INSERT INTO subscriber SELECT * FROM " + schema() + ".subscriber");
            }
        }
        return db;
    }

    boolean sqlite() {
        return kind.equals(Databases.SQLITE);
    }

    Path file() {
        return Path.of(url.substring("jdbc:sqlite:".length()));
    }

    String schema() {
        return url.replaceAll(".*currentSchema=([A-Za-z0-9_]+).*", "$1");
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        if (sqlite()) {
            p.setProperty("busy_timeout", "60000");
        }
        return DriverManager.getConnection(url, p);
    }

    /** How many outbox rows of the date are in each state. */
    Map<String, Integer> states(LocalDate date) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM delivery WHERE digest_date = ? GROUP BY state")) {
            ps.setObject(1, date);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** How many rows of any date are in the state. */
    int count(String state) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE state = ?")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** What the database's own tool said: whether the check passed, and its output. */
    record ToolCheck(boolean ok, String output) {
    }

    /**
     * Opens the database with its own command-line tool, as an operator looking at it after a crash
     * would: {@code sqlite3 FILE 'PRAGMA integrity_check; SELECT count(*) FROM delivery;'}, or
     * {@code psql} checking every B-tree index of the schema with amcheck and counting the outbox.
     */
    ToolCheck toolCheck() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (sqlite()) {
            command.addAll(List.of("sqlite3", file().toString(), "PRAGMA integrity_check; SELECT count(*) FROM delivery;"));
        } else {
            String libpq = url.substring("jdbc:".length()).replaceAll("[&?]currentSchema=[A-Za-z0-9_]+", "");
            command.addAll(List.of("psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", libpq, "-c",
                    "SET client_min_messages TO warning; CREATE EXTENSION IF NOT EXISTS amcheck", "-c",
                    "SELECT CASE WHEN COUNT(bt_index_check(c.oid)) >= 0 THEN 'ok' END FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam"
                            + " WHERE n.nspname = '" + schema() + "' AND c.relkind = 'i' AND a.amname = 'btree'",
                    "-c", "SELECT count(*) FROM " + schema() + ".delivery"));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        boolean ok = exited && p.exitValue() == 0 && out.lines().findFirst().orElse("").equals("ok");
        return new ToolCheck(ok, String.join(" ", command.subList(0, Math.min(2, command.size()))) + ": " + out);
    }
}
