package dev.aiguardian.guards.tokens;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Live heap and load time of the two vocabularies, ours or jtokkit's, in a fresh JVM. Not a test: run
 * {@code java -cp <test classpath> dev.aiguardian.guards.tokens.TokenCounterFootprint ours|jtokkit}
 * (docs/benchmarks.md, 2026-12-02). Live heap is the used heap after repeated full collections, with the
 * vocabularies reachable, minus the same before loading them.
 */
public final class TokenCounterFootprint {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private TokenCounterFootprint() {
    }

    public static void main(String[] args) {
        boolean ours = args.length == 0 || args[0].equals("ours");
        // Warm the JDK classes both sides use (regex, UTF-8, resource streams), so they count on neither side.
        new String("warm".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8)
                .matches("\\p{L}+");
        long before = liveHeap();
        long t0 = System.nanoTime();
        Object vocabularies = ours ? new TokenCounter() : loadJtokkit();
        long loadNanos = System.nanoTime() - t0;
        // Both sides count once, so lazily built state is included.
        int tokens = ours ? ((TokenCounter) vocabularies).count("hello world", TokenCounter.Bpe.O200K_BASE)
                : ((EncodingRegistry) vocabularies).getEncoding(EncodingType.O200K_BASE).countTokensOrdinary("hello world");
        long after = liveHeap();
        long t1 = System.nanoTime();
        Object again = ours ? new TokenCounter() : loadJtokkit();
        long reloadNanos = System.nanoTime() - t1;
        System.out.printf("%s: live heap %.1f MB, first load %d ms, second load %d ms (%d tokens, %s)%n",
                ours ? "ours" : "jtokkit", (after - before) / 1e6, loadNanos / 1_000_000, reloadNanos / 1_000_000,
                tokens, vocabularies.hashCode() + again.hashCode() != 0 ? "kept" : "");
    }

    private static EncodingRegistry loadJtokkit() {
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        registry.getEncoding(EncodingType.CL100K_BASE);
        registry.getEncoding(EncodingType.O200K_BASE);
        return registry;
    }

    private static long liveHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
