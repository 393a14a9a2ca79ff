package org.paperboy.subscribers;

/**
 * The {@code tokens} section: the secret that signs unsubscribe and preference links. Best given
 * in the environment ({@code PAPERBOY_TOKEN_SECRET}); never logged.
 */
public record TokensConfig(String secret) {

    public static final TokensConfig DEFAULTS = new TokensConfig(null);

    public TokensConfig {
        secret = secret == null || secret.isBlank() ? null : secret;
        if (secret != null && secret.length() < 16) {
            throw new IllegalArgumentException("tokens.secret must be at least 16 characters long");
        }
    }

    @Override
    public String toString() {
        return "TokensConfig[secret=" + (secret == null ? "unset" : "***") + "]";
    }
}
