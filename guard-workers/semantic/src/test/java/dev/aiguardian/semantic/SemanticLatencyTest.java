package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import dev.aiguardian.guards.bias.BiasGuard;
import dev.aiguardian.guards.context.ContextGuard;
import dev.aiguardian.guards.context.ContextSettings;
import dev.aiguardian.guards.context.SessionMemory;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticSettings;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.guards.trust.TrustGuard;

/**
 * A repeatable latency harness for the guards with the semantic layer (docs/benchmarks.md): p50/p99
 * per guard on a 1 KB text, on one thread, with the layer off, on with every sentence new (cache
 * misses) and on with the text seen before (cache hits). Opt-in, since it takes a minute:
 * {@code mvn -B -ntp -q -pl guard-workers/semantic -am test -Dtest=SemanticLatencyTest -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints the load average with the figures.
 */
class SemanticLatencyTest {
    private static final int RUNS = 200;
    // About 1 KB of ordinary support-chat text; several sentences address "you", so the cue gate passes them.
    private static final String TEXT = "Hi, I have a question about my order from last week. The parcel arrived "
            + "yesterday but one of the mugs was broken. Could you tell me how to get a replacement? I still have "
            + "the box and the receipt. The delivery driver left it at the door in the rain. I would also like to "
            + "know whether you ship to Norway, because my sister wants the same set for her new flat. She asked "
            + "me if you have the blue version in stock again. Your website says it is sold out, but the shop in "
            + "town had it last month. Can you check the warehouse for me? If it helps, my order number is in the "
            + "confirmation email you sent on Monday. I am happy to send a photo of the damage. Please let me know "
            + "what you need from me and how long a replacement usually takes. Thanks a lot for your help, and "
            + "sorry for the long message. Have a nice weekend and say hello to the team.";

    @Test
    @Tag("tool") // run with -Dbench=true (see the pom): a tool, not a check
    void latencyPerGuard() throws Exception {
        long t0 = System.nanoTime();
        MiniLmEmbedder model = new MiniLmEmbedder();
        double loadMs = (System.nanoTime() - t0) / 1e6;
        SemanticLayer layer = SemanticLayer.load(model, new SemanticSettings(SemanticSettings.Mode.ON, 25, 20_000));
        System.out.printf(Locale.ROOT, "model load %.0f ms, classifiers read %.0f ms, text %d chars, load average %s%n",
                loadMs, layer.trainMillis(), TEXT.length(), loadAverage());
        TrustGuard trustOff = new TrustGuard();
        TrustGuard trustOn = new TrustGuard(trustOff.config(), layer);
        BiasGuard biasOff = new BiasGuard();
        BiasGuard biasOn = new BiasGuard(layer);
        TokenCounter counter = new TokenCounter();
        ContextGuard ctxOff = new ContextGuard(counter, ContextSettings.DEFAULT);
        ContextGuard ctxOn = new ContextGuard(counter, ContextSettings.DEFAULT, layer);
        SessionMemory mem = SessionMemory.empty();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (String s : new String[] {"I need help with an order I placed.", "The mugs arrived broken."}) {
            mem = ctxOn.apply(mem, GuardInput.of(s), now).after();
        }
        SessionMemory session = mem;
        measure("trustguard, semantic off", i -> trustOff.inspect(GuardInput.of(TEXT)));
        measure("trustguard, semantic on, new sentences", i -> trustOn.inspect(GuardInput.of(unique(i))));
        measure("trustguard, semantic on, cached", i -> trustOn.inspect(GuardInput.of(TEXT)));
        measure("biasguard, semantic off", i -> biasOff.inspect(GuardInput.of(TEXT)));
        measure("biasguard, semantic on, new sentences", i -> biasOn.inspect(GuardInput.of(unique(i + 10_000))));
        measure("biasguard, semantic on, cached", i -> biasOn.inspect(GuardInput.of(TEXT)));
        measure("contextguard, semantic off", i -> ctxOff.apply(session, GuardInput.of(TEXT), now));
        measure("contextguard, semantic on, new turn", i -> ctxOn.apply(session, GuardInput.of(unique(i + 20_000)), now));
        measure("contextguard, semantic on, cached", i -> ctxOn.apply(session, GuardInput.of(TEXT), now));
        long t1 = System.nanoTime();
        int n = 50;
        for (int i = 0; i < n; i++) {
            model.embed("Could you tell me how to get a replacement number " + i + "?");
        }
        System.out.printf(Locale.ROOT, "one short sentence: %.2f ms per embedding (mean of %d)%n",
                (System.nanoTime() - t1) / 1e6 / n, n);
        assertThat(layer.embedder().name()).isEqualTo("all-MiniLM-L6-v2-q");
    }

    private static String unique(int i) {
        return TEXT.replace(". ", " " + i + ". ").replace("? ", " " + i + "? ");
    }

    private static void measure(String title, IntConsumer call) {
        for (int i = 0; i < 20; i++) {
            call.accept(-1 - i);
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            call.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-42s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms (%d runs; load %s)%n", title,
                ms[RUNS / 2], ms[(int) (RUNS * 0.99) - 1], ms[RUNS - 1], RUNS, loadAverage());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
