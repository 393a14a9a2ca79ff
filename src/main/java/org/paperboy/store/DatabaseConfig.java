package org.paperboy.store;

import java.nio.file.Path;
import java.util.Optional;
import org.paperboy.ConfigRange;

/**
 * The {@code database} section of the config. The embedded default is an SQLite file under
 * {@code data/}; a {@code jdbc:postgresql:} URL moves everything to PostgreSQL. The password is
 * best given in the environment ({@code PAPERBOY_DB_PASSWORD}).
 */
public record DatabaseConfig(String url, String username, String password, Integer poolSize) {

    public static final String DEFAULT_URL = "jdbc:sqlite:data/paperboy.db";
    public static final DatabaseConfig DEFAULTS = new DatabaseConfig(null, null, null, null);

    public DatabaseConfig {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        if (!url.startsWith(SqliteFile.PREFIX) && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.url must be a jdbc:sqlite: or jdbc:postgresql: URL, got \""
                    + org.paperboy.Redact.text(url) + "\"");
        }
        password = password == null ? "" : password;
        poolSize = ConfigRange.within("database.poolSize", poolSize, 8, 1, 100);
    }

    public Dialect dialect() {
        return url.startsWith(SqliteFile.PREFIX) ? Dialect.SQLITE : Dialect.POSTGRES;
    }

    public boolean isPostgres() {
        return dialect() == Dialect.POSTGRES;
    }

    /** The SQLite database file, if the database is one. */
    public Optional<Path> file() {
        return dialect() == Dialect.SQLITE ? Optional.of(SqliteFile.file(url)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + org.paperboy.Redact.text(url) + ", username=" + username + ", password=***, poolSize=" + poolSize + "]";
    }
}
