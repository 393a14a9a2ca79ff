package org.paperboy.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.paperboy.ConfigRange;
import org.quartz.CronExpression;

/**
 * The {@code schedule} section: when the daily job fires, in which zone, and whether several
 * nodes share one PostgreSQL database as a Quartz cluster.
 *
 * @param cron      a Quartz cron expression (seconds first); by default 08:00 on weekdays
 * @param timezone  an IANA zone such as Europe/Berlin
 * @param clustered true when several nodes run {@code paperboy run} against one PostgreSQL
 * @param misfireThresholdSeconds a fire missed by more than this (the process was down) fires
 *                  once as soon as the scheduler is back
 * @param checkinSeconds in a cluster, how often each node checks in; a node silent for longer is
 *                  taken for dead and its job recovered by another
 */
public record ScheduleConfig(String cron, String timezone, Boolean clustered, Integer misfireThresholdSeconds,
                             Integer checkinSeconds) {

    public static final ScheduleConfig DEFAULTS = new ScheduleConfig(null, null, null, null, null);

    public ScheduleConfig {
        cron = cron == null || cron.isBlank() ? "0 0 8 ? * MON-FRI" : cron.strip();
        timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone.strip();
        clustered = clustered != null && clustered;
        misfireThresholdSeconds = ConfigRange.atLeast("schedule.misfireThresholdSeconds", misfireThresholdSeconds, 60, 1);
        checkinSeconds = ConfigRange.atLeast("schedule.checkinSeconds", checkinSeconds, 15, 1);
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("schedule.cron \"" + cron + "\" is not a Quartz cron expression: " + e.getMessage());
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("schedule.timezone \"" + timezone + "\" is not an IANA time zone such as Europe/Berlin");
        }
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
