package dev.aiguardian.guards.trust;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

import dev.aiguardian.guards.guard.GuardInput;

/**
 * TrustGuard's speed in MB per CPU-second of the calling thread, on the JMH benchmark's own texts:
 * other processes on a shared machine delay the thread but barely change the CPU time it uses, so
 * before/after pairs stay comparable when wall-clock JMH figures do not. A tool, not a test:
 * {@code java -cp <test-classes:classes:deps> dev.aiguardian.guards.trust.TrustGuardCpuTime [rounds] [sizes...]}
 * prints, per size, the median, best and worst of the rounds after a warm-up, and the bytes allocated per call.
 */
public final class TrustGuardCpuTime {
    private static final long WARM_UP_CPU_NANOS = 4_000_000_000L;
    private static final long ROUND_CPU_NANOS = 400_000_000L;

    private TrustGuardCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1024, 65536};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int size : sizes) {
            TrustGuardBenchmark bench = new TrustGuardBenchmark();
            bench.size = size;
            bench.setUp();
            run(bench, mx, WARM_UP_CPU_NANOS);
            long allocated = allocatedBytes(mx);
            long calls = 0;
            double[] mbPerCpuSecond = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long[] callsAndNanos = run(bench, mx, ROUND_CPU_NANOS);
                calls += callsAndNanos[0];
                mbPerCpuSecond[r] = (double) size * callsAndNanos[0] / 1e6 / (callsAndNanos[1] / 1e9);
            }
            long perCall = (allocatedBytes(mx) - allocated) / calls;
            Arrays.sort(mbPerCpuSecond);
            System.out.printf(Locale.ROOT, "size %d: median %.1f MB/cpu-s, best %.1f, worst %.1f (%d rounds); "
                    + "%,d bytes allocated per call%n", size, mbPerCpuSecond[rounds / 2], mbPerCpuSecond[rounds - 1],
                    mbPerCpuSecond[0], rounds, perCall);
        }
    }

    /** Bytes this thread has allocated so far (HotSpot's extension of the bean), or 0 where it has none. */
    private static long allocatedBytes(ThreadMXBean mx) {
        return mx instanceof com.sun.management.ThreadMXBean hotspot
                ? hotspot.getThreadAllocatedBytes(Thread.currentThread().getId()) : 0;
    }

    /** Calls the benchmark until {@code cpuNanos} of this thread's CPU time are spent: {calls, nanos}. */
    private static long[] run(TrustGuardBenchmark bench, ThreadMXBean mx, long cpuNanos) {
        long start = mx.getCurrentThreadCpuTime();
        long calls = 0;
        long used;
        do {
            if (bench.inspect().verdict() == null) {
                throw new IllegalStateException("no verdict");
            }
            calls++;
            used = mx.getCurrentThreadCpuTime() - start;
        } while (used < cpuNanos);
        return new long[] {calls, used};
    }
}
