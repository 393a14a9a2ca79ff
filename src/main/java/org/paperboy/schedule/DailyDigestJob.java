package org.paperboy.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.paperboy.delivery.DeliveryRun;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The daily digest, as a Quartz job. The digest date is the day of the scheduled fire time in the
 * schedule's zone, so a late (misfired) or recovered fire still sends the day it was meant for,
 * and the outbox makes a second fire for a date send nothing.
 */
@DisallowConcurrentExecution
public final class DailyDigestJob implements InterruptableJob {

    static final String JOB = "job";
    static final String ZONE = "zone";
    static final String NODE = "node";
    private static final String RECOVERED_FIRE_TIME = "QRTZ_FAILED_JOB_ORIG_TRIGGER_FIRETIME_IN_MILLISECONDS_AS_STRING";

    private volatile DeliveryRun run;

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            var shared = context.getScheduler().getContext();
            DailyJob job = (DailyJob) shared.get(JOB);
            Instant fire = fireTime(context);
            LocalDate date = fire.atZone((ZoneId) shared.get(ZONE)).toLocalDate();
            run = job.newRun();
            try {
                // the run logs and records itself among the job runs, as send's does
                job.run(run, date, fire, (String) shared.get(NODE));
            } catch (RuntimeException e) {
                throw new JobExecutionException(e, false);
            }
        } catch (SchedulerException e) {
            throw new JobExecutionException(e, false);
        }
    }

    /** The fire time this execution stands for: for a recovered job, the original one's. */
    static Instant fireTime(JobExecutionContext context) {
        String original = context.getMergedJobDataMap().getString(RECOVERED_FIRE_TIME);
        return context.isRecovering() && original != null ? Instant.ofEpochMilli(Long.parseLong(original))
                : context.getScheduledFireTime().toInstant();
    }

    @Override
    public void interrupt() {
        DeliveryRun current = run;
        if (current != null) {
            current.stop();
        }
    }
}
