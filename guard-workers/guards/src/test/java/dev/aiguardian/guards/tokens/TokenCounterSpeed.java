package dev.aiguardian.guards.tokens;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.ToIntFunction;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

import dev.aiguardian.guards.testing.TextOfSize;

/**
 * Counting speed, ours against jtokkit, in this thread's CPU time, so a shared machine slows both sides alike:
 * the two alternate round by round on the texts of {@link TokenCounterBenchmark}, and the median round counts.
 * Not a test: {@code java -cp <test classpath> dev.aiguardian.guards.tokens.TokenCounterSpeed} (docs/benchmarks.md).
 */
public final class TokenCounterSpeed {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 9;

    private TokenCounterSpeed() {
    }

    public static void main(String[] args) {
        TokenCounter ours = new TokenCounter();
        EncodingRegistry jtokkit = Encodings.newLazyEncodingRegistry();
        for (TokenCounter.Bpe bpe : TokenCounter.Bpe.values()) {
            var reference = jtokkit.getEncoding(
                    bpe == TokenCounter.Bpe.CL100K_BASE ? EncodingType.CL100K_BASE : EncodingType.O200K_BASE);
            for (int size : new int[] {1024, 65536}) {
                String text = text(size);
                int calls = Math.max(20, 4_000_000 / size);
                ToIntFunction<String> mine = t -> ours.count(t, bpe);
                ToIntFunction<String> theirs = reference::countTokensOrdinary;
                if (mine.applyAsInt(text) != theirs.applyAsInt(text)) {
                    throw new AssertionError("counts differ on the benchmark text");
                }
                double[] a = new double[ROUNDS];
                double[] b = new double[ROUNDS];
                for (int warm = 0; warm < 3; warm++) {
                    microsPerCall(mine, text, calls);
                    microsPerCall(theirs, text, calls);
                }
                for (int r = 0; r < ROUNDS; r++) {
                    a[r] = microsPerCall(mine, text, calls);
                    b[r] = microsPerCall(theirs, text, calls);
                }
                long oursBytes = bytesPerCall(mine, text);
                long theirsBytes = bytesPerCall(theirs, text);
                double oursMedian = median(a);
                double theirsMedian = median(b);
                System.out.printf("%-11s %6d B: ours %9.1f us CPU (%5.1f MB/s), jtokkit %9.1f us CPU (%5.1f MB/s),"
                        + " ours/jtokkit %.2f (rounds: ours %.1f-%.1f, jtokkit %.1f-%.1f); allocated per call:"
                        + " ours %d B, jtokkit %d B%n", bpe.wireName(), size,
                        oursMedian, size / oursMedian, theirsMedian, size / theirsMedian, oursMedian / theirsMedian,
                        min(a), max(a), min(b), max(b), oursBytes, theirsBytes);
            }
        }
    }

    static String text(int size) {
        return TextOfSize.cycle(TokenCounterBenchmark.PARAGRAPHS, size);
    }

    private static double microsPerCall(ToIntFunction<String> count, String text, int calls) {
        long sink = 0;
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            sink += count.applyAsInt(text);
        }
        long nanos = THREADS.getCurrentThreadCpuTime() - t0;
        if (sink == 42) {
            System.out.print("");
        }
        return nanos / 1e3 / calls;
    }

    // HotSpot's per-thread allocation counter: bytes, whatever the machine's load.
    private static long bytesPerCall(ToIntFunction<String> count, String text) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
        long id = Thread.currentThread().getId();
        int calls = 50;
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            count.applyAsInt(text);
        }
        return (threads.getThreadAllocatedBytes(id) - before) / calls;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElseThrow();
    }
}
