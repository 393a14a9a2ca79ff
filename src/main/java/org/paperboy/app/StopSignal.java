package org.paperboy.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop: the signal only asks the work to stop (messages in
 * flight finish and are recorded), and the process exits when the main thread is done, with the
 * command's own exit code (0, or 3 when messages are left for a later run) rather than 143. The
 * JVM's default handling would start its shutdown at once, racing the last writes.
 */
final class StopSignal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    StopSignal() {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> stop("SIG" + signal.getName()));
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
    }

    /** Runs the action when a stop is asked (at once if it already was). */
    void onStop(Runnable action) {
        actions.add(action);
        if (stopping.getCount() == 0) {
            action.run();
        }
    }

    private void stop(String signal) {
        if (stopping.getCount() == 0) {
            LOG.warn("{} again: still finishing the messages in flight; kill -9 stops at once (they are sent again later)", signal);
            return;
        }
        LOG.info("{}: stopping; messages in flight finish and are recorded", signal);
        stopping.countDown();
        actions.forEach(Runnable::run);
    }

    /** Blocks until a stop is asked. */
    void await() {
        try {
            stopping.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        actions.clear();
    }
}
