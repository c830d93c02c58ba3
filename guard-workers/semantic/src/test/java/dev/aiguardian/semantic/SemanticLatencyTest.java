package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import dev.aiguardian.config.Env;
import dev.aiguardian.guards.bias.BiasGuard;
import dev.aiguardian.guards.bias.BiasReport;
import dev.aiguardian.guards.context.ContextGuard;
import dev.aiguardian.guards.context.ContextSettings;
import dev.aiguardian.guards.context.SessionMemory;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.semantic.Chunks;
import dev.aiguardian.guards.semantic.Exemplars;
import dev.aiguardian.guards.semantic.StaticGate;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.semantic.SemanticScan;
import dev.aiguardian.guards.semantic.SemanticSettings;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.guards.semantic.Vectors;
import dev.aiguardian.guards.trust.TrustGuard;
import dev.aiguardian.guards.trust.TrustReport;

/**
 * A repeatable latency harness for the guards with the semantic layer (docs/benchmarks.md): p50/p99
 * per guard on a 1 KB text, on one thread, with the layer off, on with every sentence new (cache
 * misses) and on with the text seen before (cache hits). Opt-in, since it takes a minute:
 * {@code mvn -B -ntp -q -pl guard-workers/semantic -am test -Dtest=SemanticLatencyTest -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code SEMANTIC_BUDGET_MS}, {@code SEMANTIC_THREADS} and {@code SEMANTIC_GATE} in the
 * environment apply. Prints the load average with the figures, how much of the text the budget let the
 * layer judge, and the model alone (cost per word piece, one run per sentence against one padded batch).
 */
class SemanticLatencyTest {
    private static final int RUNS = 200;
    // About 1 KB of ordinary support-chat text; several sentences address "you", so the cue gate passes them.
    static final String TEXT = "Hi, I have a question about my order from last week. The parcel arrived "
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
        // SEMANTIC_BUDGET_MS and SEMANTIC_THREADS from the environment, as in production.
        SemanticSettings env = SemanticSettings.from(Env.of(System.getenv()));
        SemanticSettings settings = new SemanticSettings(SemanticSettings.Mode.ON, env.budgetMs(), 20_000, env.threads(),
                env.gate());
        long t0 = System.nanoTime();
        MiniLmEmbedder model = new MiniLmEmbedder(settings.threads());
        double loadMs = (System.nanoTime() - t0) / 1e6;
        SemanticLayer layer = SemanticLayer.load(model, settings);
        System.out.printf(Locale.ROOT, "model load %.0f ms, classifiers read %.0f ms, text %d chars, budget %d ms, "
                + "%d intra-op thread(s), static pre-gate %s, load average %s%n", loadMs, layer.trainMillis(), TEXT.length(),
                settings.budgetMs(), settings.threads(), layer.gated() ? "on" : "off", loadAverage());
        startUp(model, settings);
        modelOnly(model);
        TrustGuard trustOff = new TrustGuard();
        TrustGuard trustOn = new TrustGuard(trustOff.config(), layer);
        BiasGuard biasOff = new BiasGuard();
        BiasGuard biasOn = new BiasGuard(layer);
        // The text exactly as written with every sentence a cache miss (a one-entry cache, nine or eleven sentences
        // in turn): what the static pre-gate sees is the real text, not the numbered copies of "new sentences".
        SemanticLayer oneEntry = SemanticLayer.load(model, new SemanticSettings(settings.mode(), settings.budgetMs(), 1,
                settings.threads(), settings.gate()));
        TrustGuard trustMiss = new TrustGuard(trustOff.config(), oneEntry);
        BiasGuard biasMiss = new BiasGuard(oneEntry);
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
        measure("trustguard, semantic on, new sentences",
                i -> count(((TrustReport) trustOn.inspect(GuardInput.of(unique(i))).details()).semantic()));
        reportScans();
        measure("trustguard, semantic on, as written, uncached",
                i -> count(((TrustReport) trustMiss.inspect(GuardInput.of(TEXT)).details()).semantic()));
        reportScans();
        measure("trustguard, semantic on, cached", i -> trustOn.inspect(GuardInput.of(TEXT)));
        measure("biasguard, semantic off", i -> biasOff.inspect(GuardInput.of(TEXT)));
        measure("biasguard, semantic on, new sentences",
                i -> count(((BiasReport) biasOn.inspect(GuardInput.of(unique(i + 10_000))).details()).semantic()));
        reportScans();
        measure("biasguard, semantic on, as written, uncached",
                i -> count(((BiasReport) biasMiss.inspect(GuardInput.of(TEXT)).details()).semantic()));
        reportScans();
        measure("biasguard, semantic on, cached", i -> biasOn.inspect(GuardInput.of(TEXT)));
        measure("contextguard, semantic off", i -> ctxOff.apply(session, GuardInput.of(TEXT), now));
        measure("contextguard, semantic on, new turn", i -> ctxOn.apply(session, GuardInput.of(unique(i + 20_000)), now));
        measure("contextguard, semantic on, cached", i -> ctxOn.apply(session, GuardInput.of(TEXT), now));
        assertThat(layer.embedder().name()).isEqualTo("all-MiniLM-L6-v2-q");
    }

    /**
     * What the static pre-gate adds to start-up (reading its two files, median of 15 loads of the layer with the
     * gate on against off) and what it keeps from the model on the text as written (the "new sentences" rows add
     * a number to every sentence, which moves the gate's scores a little).
     */
    private static void startUp(MiniLmEmbedder model, SemanticSettings settings) {
        double[] on = new double[15];
        double[] off = new double[15];
        for (int i = 0; i < on.length; i++) {
            on[i] = SemanticLayer.load(model, withGate(settings, true)).trainMillis();
            off[i] = SemanticLayer.load(model, withGate(settings, false)).trainMillis();
        }
        Arrays.sort(on);
        Arrays.sort(off);
        SemanticLayer gated = SemanticLayer.load(model, withGate(settings, true));
        SemanticScan inj = gated.injection(TEXT, gated.budget());
        SemanticScan hos = gated.hostility(TEXT, gated.budget());
        System.out.printf(Locale.ROOT, "start-up, classifiers read (median of 15): gate on %.1f ms, off %.1f ms; "
                + "text as written, kept from the model by the gate: injection %d of %d cue sentences, hostility %d of %d%n",
                on[7], off[7], inj.chunksGated(), inj.chunksGated() + inj.chunksJudged() + inj.chunksNotReached(),
                hos.chunksGated(), hos.chunksGated() + hos.chunksJudged() + hos.chunksNotReached());
        // Word pieces are what the model's time is proportional to (~0.06 ms each on an idle core): a figure the
        // machine's load cannot move.
        for (String name : TrainClassifiersTest.NAMES) {
            StaticGate gate = StaticGate.read(name, TrainClassifiersTest.lines("/semantic/" + name + ".gate"),
                    Exemplars.digest("/semantic/" + name + ".txt"));
            int all = 0;
            int kept = 0;
            for (SemanticLayer.Judged j : gated.judgeAll(TEXT, name)) {
                all += j.wordPieceIds().length;
                kept += gate.passes(j.wordPieceIds()) ? j.wordPieceIds().length : 0;
            }
            System.out.printf(Locale.ROOT, "word pieces the model reads for the text as written, %s: %d without the gate, "
                    + "%d with it%n", name, all, kept);
        }
    }

    private static SemanticSettings withGate(SemanticSettings s, boolean gate) {
        return new SemanticSettings(s.mode(), s.budgetMs(), s.cacheEntries(), s.threads(), gate);
    }

    /**
     * The model alone, to find the floor: the text's sentences one run each against one padded batch,
     * the whole text as one turn, and how far a batch moves each sentence's vector.
     */
    private static void modelOnly(MiniLmEmbedder model) {
        List<String> sentences = Chunks.split(TEXT).stream().map(Chunks.Chunk::text).toList();
        int pieces = sentences.stream().mapToInt(model::wordPieces).sum();
        int padded = sentences.size() * sentences.stream().mapToInt(model::wordPieces).max().orElse(0);
        double minCos = 1;
        List<float[]> batch = model.embedPadded(sentences);
        for (int i = 0; i < sentences.size(); i++) {
            minCos = Math.min(minCos, Vectors.cosine(model.embed(sentences.get(i)), batch.get(i)));
        }
        System.out.printf(Locale.ROOT, "model only: %d sentences, %d word pieces (%d padded); lowest cosine of a "
                + "sentence's batched vector to its own: %.4f%n", sentences.size(), pieces, padded, minCos);
        double each = measure("model: sentences, one run each", i -> model.embedAll(suffixed(sentences, i)));
        double padOnce = measure("model: sentences, one padded batch", i -> model.embedPadded(suffixed(sentences, i)));
        String turn = TEXT;
        String cut = SemanticLayer.turnText(TEXT);
        double whole = measure("model: whole text as one turn", i -> model.embed(i + " " + turn));
        double shortTurn = measure("model: turn cut for drift", i -> model.embed(i + " " + cut));
        System.out.printf(Locale.ROOT, "per word piece (p50): one run each %.3f ms, padded batch %.3f ms (%.3f per "
                + "real piece), whole turn %.3f ms (%d pieces), cut turn %.3f ms (%d chars, %d pieces)%n",
                each / pieces, padOnce / padded, padOnce / pieces, whole / model.wordPieces(turn),
                model.wordPieces(turn), shortTurn / model.wordPieces(cut), cut.length(), model.wordPieces(cut));
    }

    private static List<String> suffixed(List<String> sentences, int i) {
        return sentences.stream().map(s -> s + " " + i).toList();
    }

    private static int scans;
    private static int judged;
    private static int notReached;
    private static int gated;
    private static int exhausted;

    private static void count(SemanticScan scan) {
        scans++;
        judged += scan.chunksJudged();
        notReached += scan.chunksNotReached();
        gated += scan.chunksGated();
        exhausted += scan.budgetExhausted() ? 1 : 0;
    }

    /** Whether the rows above judged the whole text or stopped at the budget: a faster row may just judge less. */
    private static void reportScans() {
        System.out.printf(Locale.ROOT, "    per request: %.1f sentences judged, %.1f kept from the model by the static "
                + "pre-gate, %.1f not reached; budget exhausted in %d of %d%n",
                judged / (double) scans, gated / (double) scans, notReached / (double) scans, exhausted, scans);
        scans = 0;
        judged = 0;
        notReached = 0;
        gated = 0;
        exhausted = 0;
    }

    private static String unique(int i) {
        return TEXT.replace(". ", " " + i + ". ").replace("? ", " " + i + "? ");
    }

    /** Prints p50/p99 and returns the p50 in ms. */
    private static double measure(String title, IntConsumer call) {
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
        return ms[RUNS / 2];
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
