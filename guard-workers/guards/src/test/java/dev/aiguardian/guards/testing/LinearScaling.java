package dev.aiguardian.guards.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Checks that a scan grows linearly with its input, without a wall-clock bound: one input of n characters must
 * cost no more than {@link #SLACK} times eight inputs of n/8 (equal work when linear, eight times more when
 * quadratic). Cost is this thread's CPU time, so a loaded machine slows both sides alike instead of failing the test.
 */
public final class LinearScaling {
    public static final int MEGABYTE = 1 << 20;
    /**
     * Room for JIT and cache effects (1 MB no longer fits the caches that 128 KB does, and a loaded machine's
     * other processes evict them more): biasguard measured 3.24 once at load 7.5 and under 3 on reruns, 16 of 16.
     * A quadratic loop or catastrophic backtracking is 8× and more, so 4 still separates them by half.
     */
    static final double SLACK = 4.0;
    /** CI once read 4.0008 for one shape whose reruns read 0.73–1.25; more rounds, taken only when needed, absorb that. */
    static final int MAX_ROUNDS = 6;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LinearScaling() {
    }

    /** The text {@code unit} repeated and cut to exactly {@code size} characters. */
    public static String repeat(String unit, int size) {
        StringBuilder b = new StringBuilder(size + unit.length());
        while (b.length() < size) {
            b.append(unit);
        }
        return b.substring(0, size);
    }

    /**
     * @param name  names the input shape in the report and the failure
     * @param input builds an input of the given size
     * @param scan  the work under test
     * @return one report line
     */
    public static String assertLinear(String name, IntFunction<String> input, Consumer<String> scan) {
        String small = input.apply(MEGABYTE / 8);
        String large = input.apply(MEGABYTE);
        // Warm up this shape's code paths at both sizes first, so the JIT does not count against either side: with
        // one small call only, CI once measured a quadratic scan at under 4 (its 1 MB run fully compiled, the best
        // of its 128 KB runs not yet), where it reads about 8.
        scan.accept(small);
        scan.accept(small);
        scan.accept(large);
        long eightSmall = Long.MAX_VALUE;
        long oneLarge = Long.MAX_VALUE;
        // The best of at least two rounds, and of up to MAX_ROUNDS while the ratio is still over the slack: a one-off
        // stall (page faults on fresh heap, a JIT deoptimisation, a busy neighbour evicting caches) is charged to
        // one round, while a superlinear scan is slow in every round and still fails.
        for (int round = 0; round < 2 || round < MAX_ROUNDS && (double) oneLarge / Math.max(1, eightSmall) >= SLACK;
                round++) {
            long t0 = cpuNanos();
            for (int i = 0; i < 8; i++) {
                scan.accept(small);
            }
            eightSmall = Math.min(eightSmall, cpuNanos() - t0);
            long t1 = cpuNanos();
            scan.accept(large);
            oneLarge = Math.min(oneLarge, cpuNanos() - t1);
        }
        double ratio = (double) oneLarge / Math.max(1, eightSmall);
        String line = String.format("  %-18s 1 MB %6.0f ms CPU, 8 x 128 KB %6.0f ms CPU, ratio %.2f", name,
                oneLarge / 1e6, eightSmall / 1e6, ratio);
        assertThat(ratio).as("%s: 1 MB costs %.1f x eight 128 KB inputs (linear is about 1)", name, ratio)
                .isLessThan(SLACK);
        return line;
    }

    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
