package org.paperboy.subscribers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the link-signing secret comes from: {@code tokens.secret} (or {@code PAPERBOY_TOKEN_SECRET}).
 * So that the embedded default runs anywhere, a missing secret is generated once and kept,
 * readable only by its owner, in {@code data/token-secret}; operators should set their own.
 */
public final class TokenSecret {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSecret.class);

    private TokenSecret() {
    }

    public static String resolve(TokensConfig config, Path dataDir) {
        if (config.secret() != null) {
            return config.secret();
        }
        Path file = dataDir.resolve("token-secret");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path tmp = Files.createTempFile(dataDir, ".token-secret", "");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the directory's permissions
            }
            Files.writeString(tmp, secret, StandardCharsets.UTF_8);
            Files.move(tmp, file);
            LOG.warn("tokens.secret is not set: generated one in {}; set PAPERBOY_TOKEN_SECRET for production", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read or create the token secret: " + e.getMessage(), e);
        }
    }
}
