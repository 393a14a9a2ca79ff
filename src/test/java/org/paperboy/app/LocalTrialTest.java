package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ConfigException;

/** What {@code --local-trial} allows, and what it never does. */
class LocalTrialTest {

    @TempDir
    Path dir;

    @Test
    void linksInMailLeadToThePagesOnLoopbackWhateverThePublicBaseUrlSays() throws IOException {
        PaperboyConfig trial = LocalTrial.apply(config("127.0.0.1", "127.0.0.1", 8080));

        assertThat(trial.email().publicBaseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(LocalTrial.apply(config("localhost", "::1", 9090)).email().publicBaseUrl()).isEqualTo("http://[::1]:9090");
    }

    @Test
    void theIdentityItemsThatWouldRefuseRealMailAreNotesNamingTheTrial() throws IOException {
        PaperboyConfig trial = LocalTrial.apply(config("127.0.0.1", "127.0.0.1", 8080));

        assertThat(SenderIdentity.check(trial, false)).as("without the switch: refused").anyMatch(CheckItem::failed);
        assertThat(SenderIdentity.check(trial, true)).noneMatch(CheckItem::failed)
                .anySatisfy(i -> assertThat(i.line()).startsWith("note  smtp.fromAddress: ")
                        .endsWith("(local trial: the mail stays in the catcher on 127.0.0.1)"));
        SenderIdentity.requireForSmtp(trial, "send", true);
        assertThatThrownBy(() -> SenderIdentity.requireForSmtp(trial, "send", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("add --local-trial");
    }

    @Test
    void aRelayOffThisMachineOrNoRelayIsRefused() throws IOException {
        assertThatThrownBy(() -> LocalTrial.apply(config("smtp.paperboy.test", "127.0.0.1", 8080))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--local-trial needs smtp.host on loopback").hasMessageContaining("\"smtp.paperboy.test\"");
        assertThatThrownBy(() -> LocalTrial.apply(config("10.0.0.1", "127.0.0.1", 8080))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> LocalTrial.apply(config("", "127.0.0.1", 8080))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("none (mail goes to the outbox folder)");
    }

    @Test
    void pagesOffLoopbackOrOnARandomPortAreRefused() throws IOException {
        assertThatThrownBy(() -> LocalTrial.apply(config("127.0.0.1", "0.0.0.0", 8080))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("web.host must be 127.0.0.1");
        assertThatThrownBy(() -> LocalTrial.apply(config("127.0.0.1", "127.0.0.1", 0))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("web.port not 0");
    }

    private PaperboyConfig config(String smtpHost, String webHost, int webPort) throws IOException {
        Path file = Files.writeString(dir.resolve("trial.yaml"), """
                smtp:
                  host: "%s"
                  port: 1025
                  security: none
                email:
                  publicBaseUrl: https://news.paperboy.test
                web:
                  host: "%s"
                  port: %d
                database:
                  url: jdbc:sqlite:%s
                """.formatted(smtpHost, webHost, webPort, dir.resolve("p.db")));
        return ConfigLoader.load(file, Map.of());
    }
}
