package org.paperboy.delivery;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each phase of a run ends (start, load, plan, send), logged at DEBUG on this class's logger
 * with the wall clock and the process's CPU time, and the time spent rendering and encoding over
 * all sender threads: {@code phase NAME epoch_ms=… cpu_ms=…}, {@code phase-total NAME ms=…}. The
 * first line also gives the JVM's start, so warm-up stays visible. The delivery benchmarks turn
 * the logger on with a logback file of their own; at INFO (the default) a mark costs one level check.
 */
final class Timings {

    private static final Logger LOG = LoggerFactory.getLogger(Timings.class);
    private static final Map<String, LongAdder> TOTALS = new ConcurrentHashMap<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Timings() {
    }

    /** The phase named ends now; the totals so far are logged with it. */
    static void mark(String phase) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        if (STARTED.compareAndSet(false, true)) {
            LOG.debug("phase jvm epoch_ms={} cpu_ms=0", ManagementFactory.getRuntimeMXBean().getStartTime());
        }
        LOG.debug("phase {} epoch_ms={} cpu_ms={}", phase, System.currentTimeMillis(), cpuMillis());
        TOTALS.forEach((name, nanos) -> LOG.debug("phase-total {} ms={}", name, nanos.sum() / 1_000_000));
    }

    /** Adds time spent in a phase that overlaps others (rendering while sending), over all threads. */
    static void add(String phase, long nanos) {
        if (LOG.isDebugEnabled()) {
            TOTALS.computeIfAbsent(phase, k -> new LongAdder()).add(nanos);
        }
    }

    private static long cpuMillis() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
    }
}
