package org.paperboy.subscribers;

import org.paperboy.Redact;

/**
 * The {@code database} section of the config. The embedded default is an H2 file under
 * {@code data/}; a {@code jdbc:postgresql:} URL moves everything to PostgreSQL. The password is
 * best given in the environment ({@code PAPERBOY_DB_PASSWORD}).
 */
public record DatabaseConfig(String url, String username, String password, Integer poolSize) {

    public static final String DEFAULT_URL = "jdbc:h2:file:./data/paperboy";
    public static final DatabaseConfig DEFAULTS = new DatabaseConfig(null, null, null, null);

    public DatabaseConfig {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.url must be a jdbc:h2: or jdbc:postgresql: URL, got \"" + Redact.text(url) + "\"");
        }
        username = username == null ? (url.startsWith("jdbc:h2:") ? "sa" : null) : username;
        password = password == null ? "" : password;
        poolSize = poolSize == null ? 8 : poolSize;
        if (poolSize < 1 || poolSize > 100) {
            throw new IllegalArgumentException("database.poolSize must be between 1 and 100, got " + poolSize);
        }
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + Redact.text(url) + ", username=" + username + ", password=***, poolSize=" + poolSize + "]";
    }
}
