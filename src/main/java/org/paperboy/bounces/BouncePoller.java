package org.paperboy.bounces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.paperboy.PaperboyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's reader of returned mail: every {@code bounces.pollMinutes} it processes the
 * configured mailbox, maildir and mbox. A failing mailbox is logged and tried again next time. Each
 * mail is read once (see {@link LocalSource}, {@link MailboxSource}), so a poll finds only what came
 * since, and a {@code bounces process} run by cron meanwhile on the same source shares its mail.
 */
public final class BouncePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BouncePoller.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bounces");
        t.setDaemon(true);
        return t;
    });

    private BouncePoller() {
    }

    /** Starts polling; the first read is at once. */
    public static BouncePoller start(BounceProcessor processor, BouncesConfig config) {
        BouncePoller poller = new BouncePoller();
        List<MailSource> sources = configured(config);
        poller.timer.scheduleWithFixedDelay(() -> {
            for (MailSource source : sources) {
                try {
                    LOG.info("bounces: {}", processor.process(source).line());
                } catch (PaperboyException | IllegalStateException e) {
                    LOG.error("bounces: {}", e.getMessage());
                } catch (RuntimeException e) {
                    // anything else too: an exception out of a fixed-delay task would end the polling for good
                    LOG.error("bounces: {}", e.toString(), e);
                }
            }
        }, 0, config.pollMinutes(), TimeUnit.MINUTES);
        return poller;
    }

    /** The mailbox, maildir and mbox of the config, in that order; none when nothing is configured. */
    public static List<MailSource> configured(BouncesConfig config) {
        List<MailSource> sources = new ArrayList<>();
        if (config.mailbox() != null) {
            sources.add(new MailboxSource(config));
        }
        if (config.maildir() != null) {
            sources.add(new LocalSource(Path.of(config.maildir())));
        }
        if (config.mbox() != null) {
            sources.add(new LocalSource(Path.of(config.mbox())));
        }
        return sources;
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
