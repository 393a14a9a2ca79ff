package org.paperboy.delivery;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how a send goes: a progress bar with rate and ETA on a terminal, a plain line every
 * ten seconds otherwise (logs, cron mail), and the counts for the summary.
 */
final class Progress implements AutoCloseable {

    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger deferred = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final ProgressBar bar;
    private final PrintStream log;
    private final long start = System.nanoTime();
    private final int total;
    private long lastLog = System.nanoTime();

    Progress(int total, boolean terminal, PrintStream log) {
        this.total = total;
        this.log = log;
        this.bar = terminal && total > 0 ? new ProgressBarBuilder().setTaskName("Sending").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" mails", 1).showSpeed().build() : null;
    }

    void record(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            switch (o.kind()) {
                case SENT -> sent.incrementAndGet();
                case DEFERRED -> deferred.incrementAndGet();
                case BOUNCED -> failed.incrementAndGet();
                case CANCELLED -> cancelled.incrementAndGet();
                default -> { }
            }
        }
        if (bar != null) {
            bar.stepTo(sent.get() + failed.get() + cancelled.get());
        } else if (log != null) {
            maybeLog();
        }
    }

    private synchronized void maybeLog() {
        long now = System.nanoTime();
        if (now - lastLog >= LOG_EVERY_NANOS) {
            lastLog = now;
            double seconds = (now - start) / 1e9;
            log.printf("sent %d of %d (%.0f/s), %d deferred, %d failed%n", sent.get(), total, sent.get() / seconds,
                    deferred.get(), failed.get());
            log.flush();
        }
    }

    int sent() {
        return sent.get();
    }

    int cancelled() {
        return cancelled.get();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
