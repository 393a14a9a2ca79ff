package org.paperboy.schedule;

import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.paperboy.delivery.DeliveryRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a cluster, every node looks at the outbox now and then and helps send what is pending:
 * a large send is shared, each node claiming batches no other holds, and the rows of a node that
 * died are finished once its claims pass their lease.
 */
public final class ClusterHelper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterHelper.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paperboy-cluster-helper");
        t.setDaemon(true);
        return t;
    });
    private final DailyJob job;
    private volatile DeliveryRun current;

    public ClusterHelper(DailyJob job, int everySeconds) {
        this.job = job;
        timer.scheduleWithFixedDelay(this::help, everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    private void help() {
        try {
            DeliveryRun run = job.newRun();
            current = run;
            for (LocalDate date : run.datesWithWork()) {
                LOG.info("helping with the pending deliveries of {}: {}", date, job.help(run, date).summary());
            }
        } catch (RuntimeException e) {
            LOG.warn("helping with pending deliveries failed: {}", e.getMessage());
        } finally {
            current = null;
        }
    }

    @Override
    public void close() {
        DeliveryRun run = current;
        if (run != null) {
            run.stop();
        }
        timer.shutdown();
        try {
            timer.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
