package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config the Debian package installs as /etc/paperboy/paperboy.yaml reads, and keeps its data where the service may write. */
class PackagedConfigTest {

    @Test
    void thePackagedConfigReadsAndKeepsDataUnderVarLib() {
        PaperboyConfig config = ConfigLoader.load(Path.of("packaging/deb/paperboy.yaml"), Map.of());

        assertThat(config.database().url()).startsWith("jdbc:sqlite:/var/lib/paperboy/");
        assertThat(config.smtp().outbox()).startsWith("/var/lib/paperboy/");
        assertThat(config.smtp().host()).as("the package writes to the outbox folder until the operator sets a server").isNull();
        assertThat(config.ranking().topicsFile()).isEqualTo("/etc/paperboy/topics.yaml");
    }
}
