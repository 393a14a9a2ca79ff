package org.paperboy.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily digest, as a Quartz job. The digest date is the day of the scheduled fire time in the
 * schedule's zone, so a late (misfired) or recovered fire still sends the day it was meant for,
 * and the outbox makes a second fire for a date send nothing.
 */
@DisallowConcurrentExecution
public final class DailyDigestJob implements InterruptableJob {

    static final String JOB = "job";
    static final String ZONE = "zone";
    static final String RUNS = "runs";
    static final String NODE = "node";
    private static final Logger LOG = LoggerFactory.getLogger(DailyDigestJob.class);
    private static final String RECOVERED_FIRE_TIME = "QRTZ_FAILED_JOB_ORIG_TRIGGER_FIRETIME_IN_MILLISECONDS_AS_STRING";

    private volatile DeliveryRun run;

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            var shared = context.getScheduler().getContext();
            DailyJob job = (DailyJob) shared.get(JOB);
            JobRuns runs = (JobRuns) shared.get(RUNS);
            Instant fire = fireTime(context);
            LocalDate date = fire.atZone((ZoneId) shared.get(ZONE)).toLocalDate();
            long id = runs.started(date, fire, (String) shared.get(NODE), Instant.now());
            LOG.info("daily job for {} started (fire time {})", date, fire);
            run = job.newRun();
            try {
                DeliveryReport report = job.send(run, date);
                LOG.info("daily job: {}", report.summary());
                runs.finished(id, report.exitCode() == 0 ? "ok" : "incomplete", report.summary(), Instant.now(), report);
            } catch (RuntimeException e) {
                runs.finished(id, "failed", e.getMessage(), Instant.now());
                LOG.error("daily job for {} failed: {}", date, e.getMessage());
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
