package org.paperboy.delivery;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Marks when each phase of a send ends, for the delivery benchmark: with the system property
 * {@code paperboy.phases} set, each mark prints a line to stderr with the wall clock and the
 * process's CPU time, and the JVM's start and exit are printed too, so warm-up stays visible.
 * Without the property a mark costs one property lookup.
 */
public final class Phases {

    private static final boolean ON = Boolean.getBoolean("paperboy.phases");
    private static final Map<String, LongAdder> TOTALS = new ConcurrentHashMap<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Phases() {
    }

    /** The phase named ends now. */
    public static void mark(String phase) {
        if (!ON) {
            return;
        }
        if (STARTED.compareAndSet(false, true)) {
            print("jvm", ManagementFactory.getRuntimeMXBean().getStartTime(), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                TOTALS.forEach((name, nanos) -> System.err.printf("phase-total %s ms=%d%n", name, nanos.sum() / 1_000_000));
                print("exit", System.currentTimeMillis(), cpuMillis());
            }));
        }
        print(phase, System.currentTimeMillis(), cpuMillis());
    }

    /** Adds time spent in a phase that overlaps others (rendering while sending), over all threads. */
    static void add(String phase, long nanos) {
        if (ON) {
            TOTALS.computeIfAbsent(phase, k -> new LongAdder()).add(nanos);
        }
    }

    static boolean on() {
        return ON;
    }

    private static void print(String phase, long epochMillis, long cpuMillis) {
        System.err.printf("phase %s epoch_ms=%d cpu_ms=%d%n", phase, epochMillis, cpuMillis);
        System.err.flush();
    }

    private static long cpuMillis() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
    }
}
