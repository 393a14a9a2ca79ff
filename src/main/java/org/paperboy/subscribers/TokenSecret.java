package org.paperboy.subscribers;

import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.store.StoreException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the link-signing secret comes from: {@code tokens.secret} (or {@code PAPERBOY_TOKEN_SECRET}).
 * When it is unset, the installation's own secret is generated once and kept in its database
 * (table {@code installation_secret}), with the subscribers whose links it signs: every process,
 * started from any directory, on the embedded file or on a shared PostgreSQL, signs and verifies
 * the same links. A secret an older version generated into {@code token-secret} beside the
 * database file is adopted, so links already mailed keep working.
 */
public final class TokenSecret {

    static final String NAME = "tokens.secret";
    private static final Logger LOG = LoggerFactory.getLogger(TokenSecret.class);

    private TokenSecret() {
    }

    public static String resolve(TokensConfig config, Database db, DatabaseConfig dbConfig) {
        if (config.secret() != null) {
            return config.secret();
        }
        return stored(db).orElseGet(() -> create(db, legacyFile(dbConfig)));
    }

    private static Optional<String> stored(Database db) {
        return db.transaction(c -> read(c));
    }

    private static Optional<String> read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM installation_secret WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Stores a new secret unless another process stored one first; either way, returns the one stored. */
    private static String create(Database db, Optional<Path> legacy) {
        Optional<String> adopted = legacy.flatMap(TokenSecret::readLegacy);
        String secret = adopted.orElseGet(TokenSecret::generate);
        try {
            db.transaction(c -> SubscriberStore.update(c, "INSERT INTO installation_secret (name, secret) VALUES (?, ?)", NAME, secret));
            LOG.warn(adopted.isPresent()
                    ? "tokens.secret is not set: the secret generated in " + legacy.get() + " now lives in the database"
                    : "tokens.secret is not set: generated one into the database; set PAPERBOY_TOKEN_SECRET for production");
        } catch (StoreException e) {
            // another process stored its secret first: the read below returns that one
        }
        return stored(db).orElseThrow(() -> new StoreException("cannot store the generated token secret in the database", null));
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Where an older version kept a generated secret: {@code token-secret} in the embedded database's folder. */
    static Optional<Path> legacyFile(DatabaseConfig config) {
        return config.file().map(f -> f.toAbsolutePath().getParent()).map(dir -> dir.resolve("token-secret"));
    }

    private static Optional<String> readLegacy(Path file) {
        try {
            String secret = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
            return secret.length() >= 16 ? Optional.of(secret) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("{}: cannot read the old token secret ({}); generating a new one", file, e.getMessage());
            return Optional.empty();
        }
    }
}
