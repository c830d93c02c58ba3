package dev.aiguardian.guards.testing;

import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * One JMH benchmark method of the guards, set up for one {@code size} and called by reflection until a given
 * amount of this thread's CPU time is spent: what {@link CpuTime} and {@link AbCpuTime} measure, for any guard.
 * The benchmark is named {@code class} or {@code class#method} (needed when the class has several); the class
 * comes from the given loader, so two builds can each bring their own.
 */
final class BenchmarkCalls {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Object bench;
    private final Method method;
    private final int size;

    BenchmarkCalls(ClassLoader loader, String benchmark, int size) throws ReflectiveOperationException {
        int hash = benchmark.indexOf('#');
        String className = hash < 0 ? benchmark : benchmark.substring(0, hash);
        Class<?> type = Class.forName(className, true, loader);
        bench = type.getConstructor().newInstance();
        type.getField("size").setInt(bench, size);
        // Found by the annotations' names: the loader of a build has its own copy of JMH's annotation classes.
        List<Method> benchmarks = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (annotated(m, "org.openjdk.jmh.annotations.Setup")) {
                m.invoke(bench);
            }
            if (annotated(m, "org.openjdk.jmh.annotations.Benchmark")
                    && (hash < 0 || m.getName().equals(benchmark.substring(hash + 1)))) {
                benchmarks.add(m);
            }
        }
        if (benchmarks.size() != 1) {
            throw new IllegalArgumentException(benchmark + ": " + benchmarks.size()
                    + " benchmark methods match; name one as class#method");
        }
        method = benchmarks.get(0);
        this.size = size;
    }

    private static boolean annotated(Method m, String annotation) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().getName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    /** Calls the benchmark until {@code cpuNanos} of this thread's CPU time are spent: {calls, nanos}. */
    long[] run(long cpuNanos) throws ReflectiveOperationException {
        long start = THREADS.getCurrentThreadCpuTime();
        long calls = 0;
        long used;
        do {
            if (method.invoke(bench) == null) {
                throw new IllegalStateException("no outcome");
            }
            calls++;
            used = THREADS.getCurrentThreadCpuTime() - start;
        } while (used < cpuNanos);
        return new long[] {calls, used};
    }

    /** {@link #run} as MB per CPU-second. */
    double mbPerCpuSecond(long cpuNanos) throws ReflectiveOperationException {
        long[] callsAndNanos = run(cpuNanos);
        return (double) size * callsAndNanos[0] / 1e6 / (callsAndNanos[1] / 1e9);
    }

    /** Bytes this thread has allocated so far (HotSpot's extension of the bean), or 0 where it has none. */
    static long allocatedBytes() {
        return THREADS instanceof com.sun.management.ThreadMXBean hotspot
                ? hotspot.getThreadAllocatedBytes(Thread.currentThread().getId()) : 0;
    }
}
