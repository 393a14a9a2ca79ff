package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;

/**
 * {@code send --date D} for a D older than {@code delivery.maxAgeDays} sends D: its own rows are
 * not expired by the run that planned them (they were, so every test with a fixed date broke once
 * the calendar passed it by three days). Older dates' pending rows still expire.
 */
class OldDateIT {

    @TempDir
    Path dir;

    @Test
    void anOldDateAskedForIsSentNotExpired() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-31T08:00:00Z"));
        try (Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, null, null), clock)) {
            paperboy.subscriptions().subscribe("reader@example.org", Preferences.NONE, Frequency.DAILY,
                    new Consent("cli", null, null, "v1", clock.instant()), true, Runnable::run);
            DeliveryReport report = paperboy.send(paperboy.deliveryRun(), LocalDate.of(2026, 11, 20), List.of("seeds"),
                    new DeliveryRun.Options(false, null, false, null));
            assertThat(report.sent()).as(report.summary()).isEqualTo(1);
            assertThat(report.expired()).isZero();
            assertThat(report.exitCode()).isZero();
        }
    }
}
