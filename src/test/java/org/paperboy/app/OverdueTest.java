package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paperboy.schedule.JobRuns;
import org.paperboy.schedule.ScheduleConfig;
import org.paperboy.web.HealthCheck;
import org.paperboy.testing.TestSetup;

/** {@code /healthz} calls the daily job overdue when the schedule fired and no run got to its end since. */
class OverdueTest {

    private static final ScheduleConfig WEEKDAYS_AT_8 = TestSetup.schedule("{cron: \"0 0 8 ? * MON-FRI\", timezone: Europe/Berlin}");
    /** Friday 2026-11-20, 07:00 UTC = 08:00 in Berlin. */
    private static final Instant FIRE = Instant.parse("2026-11-20T07:00:00Z");
    private static final Instant UP = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theLastFireTimeIsTheScheduleOneBeforeNowOverAWeekend() {
        assertThat(Management.previousFire(WEEKDAYS_AT_8, FIRE.plusSeconds(60))).isEqualTo(FIRE);
        assertThat(Management.previousFire(WEEKDAYS_AT_8, FIRE.minusSeconds(60))).isEqualTo(FIRE.minusSeconds(86_400));
        // Monday before 08:00: Friday's
        assertThat(Management.previousFire(WEEKDAYS_AT_8, Instant.parse("2026-11-23T06:00:00Z"))).isEqualTo(FIRE);
        ScheduleConfig everyMinute = TestSetup.schedule("{cron: \"0 * * * * ?\", timezone: UTC}");
        assertThat(Management.previousFire(everyMinute, Instant.parse("2026-11-20T07:00:30Z"))).isEqualTo(FIRE);
    }

    @Test
    void overdueOnlyPastTheGraceWithNoCompletedRunSinceTheFire() {
        Instant late = FIRE.plus(Management.OVERDUE_AFTER).plusSeconds(1);
        JobRuns.Run yesterday = run(FIRE.minusSeconds(86_400));
        JobRuns.Run today = run(FIRE.plusSeconds(2));

        HealthCheck.Result overdue = Management.overdue(FIRE, UP, late, Optional.of(yesterday));
        assertThat(overdue.state()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(overdue.detail()).startsWith("overdue:").contains(FIRE.toString());
        assertThat(Management.overdue(FIRE, UP, late, Optional.empty()).state()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(Management.overdue(FIRE, UP, late, Optional.of(today))).as("ran since the fire").isNull();
        assertThat(Management.overdue(FIRE, UP, FIRE.plusSeconds(600), Optional.of(yesterday))).as("within the grace").isNull();
        assertThat(Management.overdue(FIRE, FIRE.plusSeconds(1), late, Optional.of(yesterday))).as("the daemon was not up at the fire")
                .isNull();
    }

    private static JobRuns.Run run(Instant started) {
        return new JobRuns.Run(1, LocalDate.ofInstant(started, java.time.ZoneOffset.UTC), "node", started, started.plusSeconds(30),
                "incomplete", "sent 3");
    }
}
