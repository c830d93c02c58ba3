package dev.aiguardian.guards.testing;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of a guard in one JVM and one thread, measured in alternating rounds of thread CPU time on a JMH
 * benchmark's texts: whatever else loads the machine loads both alike, so the ratio of each adjacent pair holds
 * where separate runs drift apart. A tool, not a test:
 * {@code java -cp <test-classes:classes:deps> dev.aiguardian.guards.testing.AbCpuTime <base dir> <branch dir>
 * <benchmark class[#method]> [pairs] [sizes...]}, each dir holding a build's {@code classes} and
 * {@code test-classes} (the classes on the class path itself only start the tool; each build gets a class
 * loader of its own, with the same dependencies). The same dir twice is the A/A run that shows the noise.
 */
public final class AbCpuTime {
    private static final long WARM_UP_CPU_NANOS = 3_000_000_000L;
    private static final long ROUND_CPU_NANOS = 250_000_000L;

    private AbCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String benchmark = args[2];
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        int[] sizes = args.length > 4
                ? Arrays.stream(args, 4, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1024, 65536};
        for (int size : sizes) {
            BenchmarkCalls base = new BenchmarkCalls(loader(Path.of(args[0])), benchmark, size);
            BenchmarkCalls branch = new BenchmarkCalls(loader(Path.of(args[1])), benchmark, size);
            base.run(WARM_UP_CPU_NANOS);
            branch.run(WARM_UP_CPU_NANOS);
            double[] ratio = new double[pairs];
            double[] baseSpeed = new double[pairs];
            double[] branchSpeed = new double[pairs];
            for (int p = 0; p < pairs; p++) {
                // the order within a pair alternates, so neither build always runs on a cache the other warmed
                if (p % 2 == 0) {
                    baseSpeed[p] = base.mbPerCpuSecond(ROUND_CPU_NANOS);
                    branchSpeed[p] = branch.mbPerCpuSecond(ROUND_CPU_NANOS);
                } else {
                    branchSpeed[p] = branch.mbPerCpuSecond(ROUND_CPU_NANOS);
                    baseSpeed[p] = base.mbPerCpuSecond(ROUND_CPU_NANOS);
                }
                ratio[p] = branchSpeed[p] / baseSpeed[p];
            }
            Arrays.sort(ratio);
            Arrays.sort(baseSpeed);
            Arrays.sort(branchSpeed);
            System.out.printf(Locale.ROOT, "%s size %d: base median %.1f MB/cpu-s (best %.1f), branch median %.1f"
                    + " (best %.1f), branch/base per pair: median %.3f, quartiles %.3f-%.3f (%d pairs)%n", benchmark,
                    size, baseSpeed[pairs / 2], baseSpeed[pairs - 1], branchSpeed[pairs / 2], branchSpeed[pairs - 1],
                    ratio[pairs / 2], ratio[pairs / 4], ratio[pairs * 3 / 4], pairs);
        }
    }

    /** A class loader of its own for the build in {@code dir}, with this JVM's dependencies. */
    private static ClassLoader loader(Path dir) throws Exception {
        List<URL> urls = new ArrayList<>(List.of(dir.resolve("test-classes").toUri().toURL(),
                dir.resolve("classes").toUri().toURL()));
        // the dependencies come from this JVM's class path; its own build of the guards is left out
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.matches(".*/guards/target/(test-)?classes/?")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }
}
