package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.paperboy.ConfigException;
import org.paperboy.digest.EmailConfig;
import org.paperboy.testing.TestSetup;

class SenderIdentityTest {

    @Test
    void thePublicBaseUrlMustBeHttpsAndReachableByReaders() {
        assertThat(SenderIdentity.publicBaseUrl("https://news.paperboy.test").failed()).isFalse();
        assertThat(SenderIdentity.publicBaseUrl("http://news.paperboy.test").failed()).isTrue();
        assertThat(SenderIdentity.publicBaseUrl("https://127.0.0.1:8443").failed()).isTrue();
        assertThat(SenderIdentity.publicBaseUrl("https://127.1.2.3").failed()).isTrue();
        assertThat(SenderIdentity.publicBaseUrl("https://[::1]:8443").failed()).isTrue();
        assertThat(SenderIdentity.publicBaseUrl("https://localhost").failed()).isTrue();
        assertThat(SenderIdentity.publicBaseUrl("https://news.example.org").failed()).isTrue();
    }

    @Test
    void theFromAddressMustBeAtARealDomain() {
        assertThat(SenderIdentity.from("digest@papers.org").failed()).isFalse();
        assertThat(SenderIdentity.from("paperboy@localhost.localdomain").failed()).isTrue();
        assertThat(SenderIdentity.from("paperboy@localhost").failed()).isTrue();
        assertThat(SenderIdentity.from("news@example.com").failed()).isTrue();
        assertThat(SenderIdentity.from("news@mail.example").failed()).isTrue();
        assertThat(SenderIdentity.from("news@[127.0.0.1]").failed()).isTrue();
    }

    @Test
    void theExamplePostalAddressIsRefused() {
        assertThat(SenderIdentity.postalAddress(EmailConfig.DEFAULTS.postalAddress()).failed()).isTrue();
        assertThat(SenderIdentity.postalAddress("Paperboy Press, 5 Mill Lane, Cambridge CB2 1RX").failed()).isFalse();
    }

    @Test
    void theGateNamesEveryWrongKeyOnlyWhenMailGoesThroughSmtp(@org.junit.jupiter.api.io.TempDir Path dir) {
        PaperboyConfig outbox = TestSetup.config(dir, null, null);
        PaperboyConfig noSecret = TestSetup.config(dir, 2525, null, "tokens: {}");

        SenderIdentity.requireForSmtp(outbox, "send");
        assertThatThrownBy(() -> SenderIdentity.requireForSmtp(noSecret, "run")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("run refuses to mail through 127.0.0.1").hasMessageContaining("email.postalAddress")
                .hasMessageContaining("tokens.secret").hasMessageNotContaining("email.publicBaseUrl");
    }
}
