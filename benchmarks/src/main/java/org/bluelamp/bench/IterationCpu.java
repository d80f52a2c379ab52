package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU one benchmark iteration cost per query, by who spent it: the querying thread, the bucket
 * writers ({@code bluelamp-buckets-*} threads, the upkeep a still-fleet measurement does not count),
 * the fix thread ({@code intake-load}) and the whole process (with JIT and GC), from the threads' and
 * the process's CPU clocks. Start and line are called on the benchmark thread between iterations;
 * {@link #query} on it per query. Not thread-safe otherwise.
 */
final class IterationCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> startCpuById = new HashMap<>();
    private long queryThreadStart;
    private long processStart;
    private long wallStart;
    private long fixesStart;
    private long queries;
    private long byBuckets;

    void start(long fixesApplied) {
        startCpuById.clear();
        for (long id : threads.getAllThreadIds()) {
            startCpuById.put(id, threads.getThreadCpuTime(id));
        }
        queryThreadStart = threads.getCurrentThreadCpuTime();
        processStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
        fixesStart = fixesApplied;
        queries = 0;
        byBuckets = 0;
    }

    void query(boolean answeredByBuckets) {
        queries++;
        if (answeredByBuckets) {
            byBuckets++;
        }
    }

    String line(String label, long fixesApplied) {
        long wall = System.nanoTime() - wallStart;
        long process = os.getProcessCpuTime() - processStart;
        long query = threads.getCurrentThreadCpuTime() - queryThreadStart;
        long writers = 0;
        long intake = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            long spent = now - startCpuById.getOrDefault(info.getThreadId(), 0L);
            if (info.getThreadName().startsWith("bluelamp-buckets-")) {
                writers += spent;
            } else if (info.getThreadName().equals("intake-load")) {
                intake += spent;
            }
        }
        long n = Math.max(1, queries);
        return String.format(
                "CPU %s: %d queries (%.1f%% by buckets), %d fixes/s; per query µs: query thread %.1f,"
                        + " bucket writers %.1f, fix thread %.1f, process %.1f",
                label,
                queries,
                100.0 * byBuckets / n,
                (fixesApplied - fixesStart) * 1_000_000_000L / Math.max(1, wall),
                query / 1e3 / n,
                writers / 1e3 / n,
                intake / 1e3 / n,
                process / 1e3 / n);
    }
}
