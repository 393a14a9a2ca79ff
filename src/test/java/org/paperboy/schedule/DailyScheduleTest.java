package org.paperboy.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.paperboy.testing.TestSetup;

class DailyScheduleTest {

    @Test
    void weekdayMorningsStayAtEightLocalAcrossTheAutumnChangeInNewYork() {
        ScheduleConfig ny = TestSetup.schedule("{cron: \"0 0 8 ? * MON-FRI\", timezone: America/New_York, clustered: false}");
        // DST ends on Sunday 2026-11-01: 08:00 EDT is 12:00Z, 08:00 EST is 13:00Z
        assertThat(DailySchedule.nextFireTimes(ny, Instant.parse("2026-10-29T13:00:00Z"), 3)).containsExactly(
                Instant.parse("2026-10-30T12:00:00Z"), Instant.parse("2026-11-02T13:00:00Z"), Instant.parse("2026-11-03T13:00:00Z"));
    }

    @Test
    void weekdayMorningsStayAtEightLocalAcrossTheSpringChangeInBerlin() {
        ScheduleConfig berlin = TestSetup.schedule("{cron: \"0 0 8 ? * MON-FRI\", timezone: Europe/Berlin, clustered: false}");
        // DST starts on Sunday 2026-03-29: 08:00 CET is 07:00Z, 08:00 CEST is 06:00Z
        assertThat(DailySchedule.nextFireTimes(berlin, Instant.parse("2026-03-27T00:00:00Z"), 2)).containsExactly(
                Instant.parse("2026-03-27T07:00:00Z"), Instant.parse("2026-03-30T06:00:00Z"));
    }

    @Test
    void aTimeInsideTheHourSkippedBySpringForwardDoesNotFireThatDay() {
        // Quartz's behaviour, documented in the README: 02:30 does not exist in Berlin on 2026-03-29
        ScheduleConfig berlin = TestSetup.schedule("{cron: \"0 30 2 * * ?\", timezone: Europe/Berlin, clustered: false}");
        assertThat(DailySchedule.nextFireTimes(berlin, Instant.parse("2026-03-28T00:00:00Z"), 2)).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void aBadCronOrZoneIsQuoted() {
        assertThatThrownBy(() -> TestSetup.schedule("cron: \"0 0 25 * * ?\""))
                .hasMessageContaining(": schedule.cron \"0 0 25 * * ?\" is not a Quartz cron expression");
        assertThatThrownBy(() -> TestSetup.schedule("timezone: Mars/Olympus"))
                .hasMessageEndingWith(": schedule.timezone \"Mars/Olympus\" is not an IANA time zone such as Europe/Berlin");
    }
}
