package dev.aiguardian.guards.trust;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of TrustGuard in one JVM and one thread, measured in alternating rounds of thread CPU time
 * on the JMH benchmark's texts: whatever else loads the machine loads both alike, so the ratio of each
 * adjacent pair holds where separate runs drift apart. A tool, not a test:
 * {@code java -cp <test-classes:classes:deps> dev.aiguardian.guards.trust.TrustGuardAbCpuTime <base dir> <branch dir>
 * [pairs] [sizes...]}, each dir holding a build's {@code classes} and {@code test-classes} (the classes on the
 * class path itself only start the tool; each build gets a class loader of its own, with the same dependencies).
 */
public final class TrustGuardAbCpuTime {
    private static final long WARM_UP_CPU_NANOS = 3_000_000_000L;
    private static final long ROUND_CPU_NANOS = 250_000_000L;

    private TrustGuardAbCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int[] sizes = args.length > 3
                ? Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1024, 65536};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int size : sizes) {
            Build base = new Build(Path.of(args[0]), size);
            Build branch = new Build(Path.of(args[1]), size);
            base.run(mx, WARM_UP_CPU_NANOS);
            branch.run(mx, WARM_UP_CPU_NANOS);
            double[] ratio = new double[pairs];
            double[] baseSpeed = new double[pairs];
            double[] branchSpeed = new double[pairs];
            for (int p = 0; p < pairs; p++) {
                // the order within a pair alternates, so neither build always runs on a cache the other warmed
                if (p % 2 == 0) {
                    baseSpeed[p] = base.run(mx, ROUND_CPU_NANOS);
                    branchSpeed[p] = branch.run(mx, ROUND_CPU_NANOS);
                } else {
                    branchSpeed[p] = branch.run(mx, ROUND_CPU_NANOS);
                    baseSpeed[p] = base.run(mx, ROUND_CPU_NANOS);
                }
                ratio[p] = branchSpeed[p] / baseSpeed[p];
            }
            Arrays.sort(ratio);
            Arrays.sort(baseSpeed);
            Arrays.sort(branchSpeed);
            System.out.printf(Locale.ROOT, "size %d: base median %.1f MB/cpu-s (best %.1f), branch median %.1f (best %.1f),"
                    + " branch/base per pair: median %.3f, quartiles %.3f-%.3f (%d pairs)%n", size,
                    baseSpeed[pairs / 2], baseSpeed[pairs - 1], branchSpeed[pairs / 2], branchSpeed[pairs - 1],
                    ratio[pairs / 2], ratio[pairs / 4], ratio[pairs * 3 / 4], pairs);
        }
    }

    /** One build's benchmark, loaded by a class loader of its own. */
    private static final class Build {
        private final Object bench;
        private final Method inspect;
        private final int size;

        Build(Path dir, int size) throws Exception {
            List<URL> urls = new ArrayList<>(List.of(dir.resolve("test-classes").toUri().toURL(),
                    dir.resolve("classes").toUri().toURL()));
            // the dependencies come from this JVM's class path; its own build of the guards is left out
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.matches(".*/guards/target/(test-)?classes/?")) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> type = Class.forName(TrustGuardBenchmark.class.getName(), true, loader);
            bench = type.getConstructor().newInstance();
            Field f = type.getField("size");
            f.setInt(bench, size);
            type.getMethod("setUp").invoke(bench);
            inspect = type.getMethod("inspect");
            this.size = size;
        }

        /** Calls the benchmark until {@code cpuNanos} of this thread's CPU time are spent: MB per CPU-second. */
        double run(ThreadMXBean mx, long cpuNanos) throws Exception {
            long start = mx.getCurrentThreadCpuTime();
            long calls = 0;
            long used;
            do {
                if (inspect.invoke(bench) == null) {
                    throw new IllegalStateException("no outcome");
                }
                calls++;
                used = mx.getCurrentThreadCpuTime() - start;
            } while (used < cpuNanos);
            return (double) size * calls / 1e6 / (used / 1e9);
        }
    }
}
