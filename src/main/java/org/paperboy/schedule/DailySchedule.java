package org.paperboy.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.paperboy.ConfigException;
import org.paperboy.PaperboyException;
import org.paperboy.Redact;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily job on Quartz's JDBC job store, in the same database as everything else. With
 * {@code schedule.clustered}, every node runs this with the same config: each trigger fires on one
 * node, and a node that dies mid-send has its job recovered by another.
 */
public final class DailySchedule implements AutoCloseable {

    static final JobKey JOB_KEY = JobKey.jobKey("daily-digest", "paperboy");
    static final TriggerKey TRIGGER_KEY = TriggerKey.triggerKey("daily-digest", "paperboy");
    private static final Logger LOG = LoggerFactory.getLogger(DailySchedule.class);

    private final Scheduler scheduler;
    private final ScheduleConfig config;

    private DailySchedule(Scheduler scheduler, ScheduleConfig config) {
        this.scheduler = scheduler;
        this.config = config;
    }

    /** Opens the scheduler on the database without starting it (for status, or before {@link #start}). */
    public static DailySchedule open(ScheduleConfig config, DataSource data, boolean postgres, DailyJob job, String node) {
        if (config.clustered() && !postgres) {
            throw new ConfigException("schedule.clustered needs PostgreSQL: set database.url to a jdbc:postgresql: URL");
        }
        String name = "paperboy-" + Integer.toHexString(System.identityHashCode(data));
        DBConnectionManager.getInstance().addConnectionProvider(name, new Provider(data));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "paperboy");
        p.setProperty("org.quartz.scheduler.instanceId", config.clustered() ? "AUTO" : "paperboy-single");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                : SqliteDelegate.class.getName());
        if (!postgres) {
            // SQLite has no SELECT ... FOR UPDATE; an UPDATE of the lock row takes its write lock instead
            p.setProperty("org.quartz.jobStore.lockHandler.class", "org.quartz.impl.jdbcjobstore.UpdateLockRowSemaphore");
        }
        p.setProperty("org.quartz.jobStore.dataSource", name);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(config.clustered()));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(config.checkinSeconds() * 1000L));
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(config.misfireThresholdSeconds() * 1000L));
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            Scheduler scheduler = factory.getScheduler();
            scheduler.getContext().put(DailyDigestJob.JOB, job);
            scheduler.getContext().put(DailyDigestJob.ZONE, config.zone());
            scheduler.getContext().put(DailyDigestJob.NODE, node);
            return new DailySchedule(scheduler, config);
        } catch (SchedulerException e) {
            throw new PaperboyException("cannot set up the scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Makes sure the job and its trigger are stored with the configured cron and zone (a changed
     * schedule replaces the trigger; an unchanged one keeps it, so a missed fire is still caught up)
     * and starts firing. Returns the next fire time.
     */
    public Date start() {
        try {
            try {
                storeJobAndTrigger();
            } catch (JobPersistenceException raced) {
                // another process starting on the same database stored the job at the same moment
                // (a duplicate key): the second pass finds it and keeps or updates it
                LOG.debug("another process stored the job at the same moment: {}", raced.getMessage());
                storeJobAndTrigger();
            }
            scheduler.start();
            // a missed last fire may already have run, and its spent trigger be gone
            Trigger stored = scheduler.getTrigger(TRIGGER_KEY);
            Date next = stored == null ? null : stored.getNextFireTime();
            LOG.info("daily job scheduled \"{}\" in {}; next fire {}", config.cron(), config.zone(), next == null ? "none" : next.toInstant());
            return next;
        } catch (SchedulerException e) {
            throw new PaperboyException("cannot start the scheduler: " + Redact.text(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    private void storeJobAndTrigger() throws SchedulerException {
        JobDetail job = JobBuilder.newJob(DailyDigestJob.class).withIdentity(JOB_KEY).storeDurably().requestRecovery().build();
        CronTrigger wanted = trigger();
        Trigger existing = scheduler.getTrigger(TRIGGER_KEY);
        if (!(existing instanceof CronTrigger cron) || !cron.getCronExpression().equals(config.cron())
                || !cron.getTimeZone().getID().equals(config.zone().getId())) {
            scheduler.addJob(job, true);
            if (existing == null) {
                scheduleUnlessAnotherNodeDid(wanted);
            } else {
                scheduler.rescheduleJob(TRIGGER_KEY, wanted);
            }
        }
    }

    /** Nodes of a cluster starting together race to store the trigger; the first one's stands. */
    private void scheduleUnlessAnotherNodeDid(CronTrigger trigger) throws SchedulerException {
        try {
            scheduler.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException e) {
            LOG.debug("another node stored the trigger first");
        }
    }

    private CronTrigger trigger() {
        return TriggerBuilder.newTrigger().withIdentity(TRIGGER_KEY).forJob(JOB_KEY)
                .withSchedule(CronScheduleBuilder.cronSchedule(config.cron()).inTimeZone(TimeZone.getTimeZone(config.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /** The next {@code count} fire times of the configured schedule after the instant. */
    public static List<Instant> nextFireTimes(ScheduleConfig config, Instant after, int count) {
        CronTrigger trigger = TriggerBuilder.newTrigger().withSchedule(CronScheduleBuilder.cronSchedule(config.cron())
                .inTimeZone(TimeZone.getTimeZone(config.zone()))).startAt(Date.from(after)).build();
        List<Instant> times = new ArrayList<>(count);
        Date from = Date.from(after);
        for (int i = 0; i < count; i++) {
            Date next = trigger.getFireTimeAfter(from);
            if (next == null) {
                break;
            }
            times.add(next.toInstant());
            from = next;
        }
        return times;
    }

    /** True between {@link #start} and {@link #close}: the scheduler fires (for {@code /healthz}). */
    public boolean running() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** The stored trigger's next fire time, if the job was ever scheduled. */
    public Date storedNextFireTime() {
        try {
            Trigger t = scheduler.getTrigger(TRIGGER_KEY);
            return t == null ? null : t.getNextFireTime();
        } catch (SchedulerException e) {
            throw new PaperboyException("cannot read the schedule: " + e.getMessage(), e);
        }
    }

    /** Stops firing; a running job is asked to stop (messages in flight finish, the rest stay pending) and awaited. */
    @Override
    public void close() {
        try {
            for (var running : scheduler.getCurrentlyExecutingJobs()) {
                scheduler.interrupt(running.getFireInstanceId());
            }
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("stopping the scheduler: {}", e.getMessage());
        }
    }

    /** Hands Quartz connections from our pool. */
    private record Provider(DataSource data) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return data.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
