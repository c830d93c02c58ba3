package dev.aiguardian.guards.bias;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;

/**
 * BiasGuard throughput on 1 KB and 64 KB of mixed text (mostly neutral, some findings), single
 * thread: MB/s per core = size / time per op. Run with org.openjdk.jmh.Main, see docs/benchmarks-bias-health.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BiasGuardBenchmark {
    /** Realistic prose: neutral mentions of groups, a gendered title, a generalisation, an exclusionary ad line. */
    static final String PARAGRAPH = "Older adults benefit from regular exercise, according to a 2023 study. "
            + "The chairman opened the meeting and every engineer presented his results. "
            + "Women are underrepresented in senior roles, and the company offers wheelchair access at all sites. "
            + "We are looking for young and energetic people; native English speakers only. "
            + "Immigrants are eligible for language classes at the library. Some say immigrants are lazy, which is false. ";

    @Param({"1024", "65536"})
    public int size;

    private BiasGuard guard;
    private GuardInput input;

    @Setup
    public void setup() {
        guard = new BiasGuard();
        input = GuardInput.of(text(size));
    }

    static String text(int size) {
        StringBuilder b = new StringBuilder(size + PARAGRAPH.length());
        while (b.length() < size) {
            b.append(PARAGRAPH);
        }
        return b.substring(0, size);
    }

    @Benchmark
    public GuardOutcome inspect() {
        return guard.inspect(input);
    }
}
