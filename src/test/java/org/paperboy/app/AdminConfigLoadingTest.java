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

/** The admin section: off by default, the password from the environment, bad values named, the password never quoted. */
class AdminConfigLoadingTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("paperboy.yaml"), yaml);
    }

    @Test
    void isOffWithoutAPasswordAndTakesItFromTheEnvironment() throws IOException {
        Path config = file("admin:\n  username: ops\n");
        assertThat(ConfigLoader.load(config, Map.of()).admin().enabled()).isFalse();
        var admin = ConfigLoader.load(config, Map.of("PAPERBOY_ADMIN_PASSWORD", "from the environment")).admin();
        assertThat(admin.enabled()).isTrue();
        assertThat(admin.password()).isEqualTo("from the environment");
        assertThat(admin.username()).isEqualTo("ops");
    }

    @Test
    void aShortPasswordOrAnUnknownKeyIsAnErrorThatNeverQuotesThePassword() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(file("admin:\n  password: hunter2\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.password must be at least 12")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConfigLoader.load(file("admin:\n  pasword: a long admin password\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key \"admin.pasword\"");
    }
}
