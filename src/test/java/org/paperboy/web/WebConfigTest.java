package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ConfigException;
import org.paperboy.app.ConfigLoader;

class WebConfigTest {

    @TempDir
    Path dir;

    @Test
    void theShippedConfigHoldsTheDefaults() {
        WebConfig web = ConfigLoader.load(Path.of("config/paperboy.yaml"), Map.of()).web();
        assertThat(web.trustedProxies()).isEmpty();
        assertThat(web.headerTimeoutSeconds()).isEqualTo(10);
        assertThat(web.maxConnections()).isEqualTo(256);
        assertThat(web.managementEnabled()).isFalse();
    }

    @Test
    void trustedProxiesAreReadAsAList() throws Exception {
        WebConfig web = load("web:\n  trustedProxies: [127.0.0.1, \"10.0.0.0/8\", \"fd00::/8\"]\n");
        assertThat(web.trustedProxies()).containsExactly("127.0.0.1", "10.0.0.0/8", "fd00::/8");
    }

    @Test
    void aHostNameAsProxyIsAOneLineErrorNamingTheKey() {
        assertThatThrownBy(() -> load("web:\n  trustedProxies: [proxy.internal]\n")).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("web.trustedProxies: \"proxy.internal\" is not an IP address or a CIDR such as 10.0.0.0/8 or fd00::/8");
    }

    @Test
    void aLimitOutOfRangeIsQuotedBack() {
        assertThatThrownBy(() -> load("web:\n  headerTimeoutSeconds: 0\n")).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("web.headerTimeoutSeconds must be between 1 and 3600, got 0");
        assertThatThrownBy(() -> load("web:\n  maxThreads: 2\n")).hasMessageContaining("web.maxThreads must be between 8 and 1000, got 2");
    }

    @Test
    void theOldFiveKeyFormKeepsEveryNewDefault() throws Exception {
        WebConfig web = load("web:\n  enabled: true\n  host: \"127.0.0.1\"\n  port: 0\n");
        assertThat(web).isEqualTo(new WebConfig(true, "127.0.0.1", 0, 16384, 20, List.of(), 10, 20, 30, 8192, 256, 32,
                "127.0.0.1", null));
    }

    private WebConfig load(String yaml) throws Exception {
        Path file = dir.resolve("paperboy.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of()).web();
    }
}
