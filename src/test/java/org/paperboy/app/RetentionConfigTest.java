package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.PaperboyException;

/** retention.days: 60 by default, never below what delivery still reads back; a config error names the key. */
class RetentionConfigTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultIsSixtyDaysOrTheDeliveryWindowsIfLonger() throws Exception {
        assertThat(load("").retention().days()).isEqualTo(60);
        assertThat(load("delivery:\n  historyDays: 90\n").retention().days()).isEqualTo(90);
        assertThat(load("retention:\n  days: 45\n").retention().days()).isEqualTo(45);
    }

    @Test
    void daysBelowTheHistoryOrTheMaxAgeIsAnErrorNamingTheKeys() {
        assertThatThrownBy(() -> load("retention:\n  days: 20\n")).isInstanceOf(PaperboyException.class)
                .hasMessageContaining("retention.days (20) must be at least delivery.historyDays (30)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> load("delivery:\n  maxAgeDays: 40\n  historyDays: 10\nretention:\n  days: 35\n"))
                .hasMessageContaining("retention.days (35) must be at least delivery.maxAgeDays (40)");
    }

    private PaperboyConfig load(String yaml) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("paperboy.yaml"), yaml), Map.of());
    }
}
