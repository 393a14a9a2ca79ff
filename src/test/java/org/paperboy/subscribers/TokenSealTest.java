package org.paperboy.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A confirmation token waiting in the mail queue is kept sealed: it opens only with the secret, for its subscriber, unaltered. */
class TokenSealTest {

    private final Tokens tokens = new Tokens("seal-test-secret-0123456789");

    @Test
    void aSealedTokenOpensOnlyForItsSubscriberWithTheSameSecret() {
        String token = tokens.newConfirmationToken();
        String sealed = tokens.seal(token, 42);

        assertThat(sealed).doesNotContain(token);
        assertThat(tokens.seal(token, 42)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(tokens.unseal(sealed, 42)).contains(token);
        assertThat(tokens.unseal(sealed, 43)).as("moved to another subscriber's row").isEmpty();
        assertThat(new Tokens("another-secret-0123456789").unseal(sealed, 42)).as("another secret").isEmpty();
        char last = sealed.charAt(sealed.length() - 1);
        assertThat(tokens.unseal(sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A'), 42)).as("altered").isEmpty();
        assertThat(tokens.unseal("not base64 at all!", 42)).isEmpty();
        assertThat(tokens.unseal("", 42)).isEmpty();
    }
}
