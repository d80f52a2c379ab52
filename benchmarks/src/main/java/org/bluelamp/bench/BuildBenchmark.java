package org.bluelamp.bench;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

/**
 * A benchmark state class of another build, for tools that compare two builds in one JVM
 * ({@link GrowthCpuTime}, {@link SnapCpuTimeAlternated}, {@link CoverageBeforeAfter},
 * {@link IntakeBeforeAfter}): the class loaded from that build's benchmarks jar in a class loader
 * of its own (over the platform loader, so nothing is shared with this build), an instance made,
 * its public {@code @Param} fields set, and its set-up method run with that loader as the thread's
 * context loader (GraphHopper's custom models compile through it). The loader lives as long as
 * the run. Not thread-safe: call from the measuring thread.
 */
final class BuildBenchmark {
    private BuildBenchmark() {}

    /**
     * @param jar the build's benchmarks jar
     * @param className the benchmark state class, e.g. {@code org.bluelamp.bench.SnapBenchmark}
     * @param params public field name to value (an {@code Integer} for an int field), set in order
     * @param setUp the set-up method's name ({@code setup} or {@code setUp})
     * @return the instance, set up; its class's loader is the build's
     */
    static Object setUp(String jar, String className, Map<String, Object> params, String setUp) throws Exception {
        @SuppressWarnings("resource") // lives as long as the run
        URLClassLoader loader = new URLClassLoader(
                jar, new URL[] {new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass(className);
        Object benchmark = type.getConstructor().newInstance();
        for (Map.Entry<String, Object> p : params.entrySet()) {
            type.getField(p.getKey()).set(benchmark, p.getValue());
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            type.getMethod(setUp).invoke(benchmark);
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }
        return benchmark;
    }
}
