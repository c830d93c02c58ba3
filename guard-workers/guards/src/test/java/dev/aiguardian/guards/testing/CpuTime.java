package dev.aiguardian.guards.testing;

import java.util.Arrays;
import java.util.Locale;

/**
 * A guard benchmark's speed in MB per CPU-second of the calling thread, and the bytes it allocates per call:
 * other processes on a shared machine delay the thread but barely change the CPU time it uses, so before/after
 * pairs stay comparable when wall-clock JMH figures do not. A tool, not a test:
 * {@code java -cp <test-classes:classes:deps> dev.aiguardian.guards.testing.CpuTime <benchmark class[#method]>
 * [rounds] [sizes...]}, e.g. {@code dev.aiguardian.guards.health.HealthGuardBenchmark#prose 9 1024 65536}, prints
 * per size the median, best and worst of the rounds after a warm-up, and the bytes allocated per call.
 */
public final class CpuTime {
    private static final long WARM_UP_CPU_NANOS = 4_000_000_000L;
    private static final long ROUND_CPU_NANOS = 400_000_000L;

    private CpuTime() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        String benchmark = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int[] sizes = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1024, 65536};
        for (int size : sizes) {
            BenchmarkCalls bench = new BenchmarkCalls(CpuTime.class.getClassLoader(), benchmark, size);
            bench.run(WARM_UP_CPU_NANOS);
            long allocated = BenchmarkCalls.allocatedBytes();
            long calls = 0;
            double[] mbPerCpuSecond = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long[] callsAndNanos = bench.run(ROUND_CPU_NANOS);
                calls += callsAndNanos[0];
                mbPerCpuSecond[r] = (double) size * callsAndNanos[0] / 1e6 / (callsAndNanos[1] / 1e9);
            }
            long perCall = (BenchmarkCalls.allocatedBytes() - allocated) / calls;
            Arrays.sort(mbPerCpuSecond);
            System.out.printf(Locale.ROOT, "%s size %d: median %.1f MB/cpu-s, best %.1f, worst %.1f (%d rounds); "
                    + "%,d bytes allocated per call%n", benchmark, size, mbPerCpuSecond[rounds / 2],
                    mbPerCpuSecond[rounds - 1], mbPerCpuSecond[0], rounds, perCall);
        }
    }
}
