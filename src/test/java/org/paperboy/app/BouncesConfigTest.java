package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ConfigException;
import org.paperboy.bounces.BouncesConfig;

class BouncesConfigTest {

    @TempDir
    Path dir;

    private PaperboyConfig load(String yaml, Map<String, String> env) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("paperboy.yaml"), yaml), env);
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndIsNeverPrinted() throws Exception {
        BouncesConfig b = load("bounces:\n  mailbox: imaps://mail.example.org/INBOX\n  username: bounces\n",
                Map.of("PAPERBOY_BOUNCES_PASSWORD", "s3cret-box")).bounces();
        assertThat(b.password()).isEqualTo("s3cret-box");
        assertThat(b.toString()).doesNotContain("s3cret-box");
        assertThat(b.pollMinutes()).isEqualTo(10);
        assertThat(b.softThreshold()).isEqualTo(3);
        assertThat(b.softWindowDays()).isEqualTo(30);
        assertThat(b.polled()).isTrue();
    }

    @Test
    void withoutTheSectionNothingIsPolled() throws Exception {
        assertThat(load("papers:\n  sources: [seeds/]\n", Map.of()).bounces().polled()).isFalse();
    }

    @Test
    void aMailboxThatIsNoImapOrPop3UrlIsRefusedWithItsValue() {
        assertThatThrownBy(() -> load("bounces:\n  mailbox: smtp://mail.example.org\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bounces.mailbox").hasMessageContaining("smtp://mail.example.org");
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertThatThrownBy(() -> load("bounces:\n  softTreshold: 2\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bounces.softTreshold");
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        assertThatThrownBy(() -> load("bounces:\n  softThreshold: 0\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bounces.softThreshold must be at least 1");
    }
}
