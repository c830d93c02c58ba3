package dev.aiguardian.guards.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * The in-process semantic layer: a sentence-embedding model (behind {@link Embedder}, cached) and
 * the classifiers trained on it at start-up, injection intent and hostility. It judges a text
 * sentence by sentence, only the sentences with a cue word that the static pre-gate ({@link StaticGate})
 * does not find clearly unlike the intent (cost bound), within a per-request time budget, and explains
 * each hit by its sentence, probability and nearest exemplar. The rules stay the first line; the guards
 * call this only for what the rules did not already decide. Thread-safe.
 */
public final class SemanticLayer {
    /** Probability at and above which a sentence is a hit (chosen by 5-fold cross-validation on the in-sample sets only: docs/guards/semantic.md). */
    public static final double INJECTION_THRESHOLD = 0.7;
    public static final double HOSTILITY_THRESHOLD = 0.6;

    // A sentence is worth a model run only if it addresses someone or something that can be told what
    // to do: second person, the model and its instructions, or an imperative verb of control.
    private static final Set<String> INJECTION_CUES = Set.of("you", "your", "yours", "yourself", "u", "ur",
            "assistant", "ai", "model", "bot", "chatbot", "llm", "gpt", "system", "prompt", "prompts", "instruction",
            "instructions", "rule", "rules", "guideline", "guidelines", "policy", "policies", "filter", "filters",
            "restriction", "restrictions", "directive", "directives", "persona", "character", "mode", "role",
            "reply", "respond", "answer", "output", "print", "say", "reveal", "repeat", "ignore", "disregard",
            "forget", "override", "pretend", "act", "roleplay", "simulate", "obey", "bypass", "jailbreak", "admin",
            "developer", "unrestricted", "uncensored", "limits", "safety", "above", "previous", "earlier", "preceding",
            // addressed to the model without naming it: the user, the task, the conversation, a persona
            "user", "users", "answering", "responding", "replying", "summary", "summarising", "summarizing",
            "personality", "chat", "conversation", "setup", "configuration", "task", "orders", "comply");
    // Hostility is aimed at someone: a person addressed, a group, or a speaker announcing intent.
    private static final Set<String> HOSTILITY_CUES = Set.of("you", "your", "yours", "yourself", "u", "ur", "ya",
            "they", "them", "their", "those", "these", "people", "all", "everyone", "everybody", "i", "i'm", "i'll",
            "im", "ill", "we", "someone", "somebody", "he", "she", "him", "her", "his", "kind", "humans", "die",
            "kill", "dead", "death", "hate");

    // Drift needs the turn's topic, which its start states; the model reads at most 128 word pieces
    // anyway (about 550 characters), and 300 characters (about 70) cost half of that. Turns in the
    // drift sets are all shorter (at most 148 characters), so this changes no measured figure.
    static final int TURN_MAX_CHARS = Chunks.MAX_CHARS;

    private final CachedEmbedder embedder;
    private final IntentClassifier injection;
    private final IntentClassifier hostility;
    private final StaticGate injectionGate;
    private final StaticGate hostilityGate;
    private final SemanticSettings settings;
    private final double loadMillis;
    private final ModelCost cost = new ModelCost();

    private SemanticLayer(CachedEmbedder embedder, IntentClassifier injection, IntentClassifier hostility,
            StaticGate injectionGate, StaticGate hostilityGate, SemanticSettings settings, double loadMillis) {
        this.embedder = embedder;
        this.injection = injection;
        this.hostility = hostility;
        // The gate needs the model's word pieces; a model that does not give them (a test stub) runs ungated.
        boolean gated = settings.gate() && embedder.wordPieceIds("a") != null;
        this.injectionGate = gated ? injectionGate : null;
        this.hostilityGate = gated ? hostilityGate : null;
        this.settings = settings;
        this.loadMillis = loadMillis;
    }

    /**
     * The layer over {@code model} with the classifiers trained at build time (bundled
     * {@code /semantic/*.model} files) and their static pre-gates ({@code /semantic/*.gate}, read only when
     * {@code settings.gate()}): start-up costs the model load, not hundreds of model runs.
     *
     * @throws IllegalStateException when a gate file was generated from another exemplar set (stale)
     */
    public static SemanticLayer load(Embedder model, SemanticSettings settings) {
        long t0 = System.nanoTime();
        CachedEmbedder cached = new CachedEmbedder(model, Math.max(1, settings.cacheEntries()));
        IntentClassifier inj = IntentClassifier.read("injection", Exemplars.lines("/semantic/injection.model"));
        IntentClassifier hos = IntentClassifier.read("hostility", Exemplars.lines("/semantic/hostility.model"));
        StaticGate injGate = settings.gate() ? bundledGate("injection", model) : null;
        StaticGate hosGate = settings.gate() ? bundledGate("hostility", model) : null;
        return new SemanticLayer(cached, inj, hos, injGate, hosGate, settings, (System.nanoTime() - t0) / 1e6);
    }

    /** The bundled gate of a classifier, checked against its exemplar set; null for another model than the gate's. */
    private static StaticGate bundledGate(String name, Embedder model) {
        List<String> lines = Exemplars.lines("/semantic/" + name + ".gate");
        if (!model.name().equals(IntentClassifier.header(lines, "model"))) {
            return null;
        }
        return StaticGate.read(name, lines, Exemplars.digest("/semantic/" + name + ".txt"));
    }

    /** The layer with the given classifiers and no gate, for tests and for training new ones. */
    public static SemanticLayer of(Embedder model, SemanticSettings settings, IntentClassifier injection,
            IntentClassifier hostility) {
        return of(model, settings, injection, hostility, null, null);
    }

    /** The layer with the given classifiers and gates (null: none), for cross-validating them. */
    public static SemanticLayer of(Embedder model, SemanticSettings settings, IntentClassifier injection,
            IntentClassifier hostility, StaticGate injectionGate, StaticGate hostilityGate) {
        return new SemanticLayer(new CachedEmbedder(model, Math.max(1, settings.cacheEntries())), injection, hostility,
                injectionGate, hostilityGate, settings, 0);
    }

    /** Whether the static pre-gate runs in front of the model (on in the settings, and the model gives word pieces). */
    public boolean gated() {
        return injectionGate != null || hostilityGate != null;
    }

    public SemanticSettings settings() {
        return settings;
    }

    public Embedder embedder() {
        return embedder;
    }

    /** Milliseconds spent reading the bundled classifiers at start-up. */
    public double trainMillis() {
        return loadMillis;
    }

    /** A fresh budget for one request. */
    public Budget budget() {
        return new Budget(settings.budgetMs());
    }

    public SemanticScan injection(String text, Budget budget) {
        return scan(text, injection, injectionGate, INJECTION_CUES, INJECTION_THRESHOLD, budget, true);
    }

    public SemanticScan hostility(String text, Budget budget) {
        return scan(text, hostility, hostilityGate, HOSTILITY_CUES, HOSTILITY_THRESHOLD, budget, false);
    }

    /**
     * One cue sentence of a text with the classifier's probability (mention discount applied), judged with
     * no gate and no budget, its word pieces, and whether the mention discount applied: for the tools that
     * choose thresholds or heads by cross-validation.
     */
    public record Judged(Chunks.Chunk chunk, double probability, long[] wordPieceIds, boolean mention) {
    }

    /** Every cue sentence of {@code text} judged by {@code classifier} ("injection" or "hostility"); see {@link Judged}. */
    public List<Judged> judgeAll(String text, String classifier) {
        boolean inj = classifier.equals("injection");
        List<Judged> out = new ArrayList<>();
        for (Chunks.Chunk c : Chunks.split(text)) {
            if (hasCue(c.text(), inj ? INJECTION_CUES : HOSTILITY_CUES)) {
                double p = (inj ? injection : hostility).probability(embedder.embed(c.text()));
                boolean mention = inj && AttackMention.isDiscussion(c.text());
                if (mention) {
                    p *= AttackMention.DISCOUNT;
                }
                out.add(new Judged(c, p, embedder.wordPieceIds(c.text()), mention));
            }
        }
        return out;
    }

    /** The embedding of a turn (for drift): its first {@link #TURN_MAX_CHARS} characters; null when the budget is spent. */
    public float[] embedTurn(String text, Budget budget) {
        String t = turnText(text);
        if (budget.exhausted() && !embedder.cached(t)) {
            return null;
        }
        long t0 = System.nanoTime();
        float[] v = embedder.embed(t);
        budget.spend(System.nanoTime() - t0);
        return v;
    }

    /** The part of a turn drift embeds: its start, cut at a word boundary. */
    public static String turnText(String text) {
        if (text.length() <= TURN_MAX_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', TURN_MAX_CHARS);
        return text.substring(0, cut > 0 ? cut : TURN_MAX_CHARS);
    }

    private SemanticScan scan(String text, IntentClassifier classifier, StaticGate gate, Set<String> cues,
            double threshold, Budget budget, boolean discountMentions) {
        long t0 = System.nanoTime();
        List<Chunks.Chunk> judgeable = new ArrayList<>();
        int skipped = 0;
        int gated = 0;
        for (Chunks.Chunk c : Chunks.split(text)) {
            if (!hasCue(c.text(), cues)) {
                skipped++;
            } else if (gate != null && !gate.passes(embedder.wordPieceIds(c.text()))) {
                // Applied to cached sentences too, so that a verdict never depends on what the cache holds.
                gated++;
            } else {
                judgeable.add(c);
            }
        }
        Map<String, float[]> vectors = embedWithinBudget(judgeable, budget);
        List<SemanticScan.Hit> hits = new ArrayList<>();
        double max = 0;
        int judged = 0;
        int notReached = 0;
        for (Chunks.Chunk c : judgeable) {
            float[] v = vectors.get(c.text());
            if (v == null) {
                notReached++;
                continue;
            }
            double p = classifier.probability(v);
            if (discountMentions && AttackMention.isDiscussion(c.text())) {
                p *= AttackMention.DISCOUNT;
            }
            judged++;
            max = Math.max(max, p);
            if (p >= threshold) {
                // The nearest exemplar only explains a hit: searching it for every judged sentence cost a
                // cached 1 KB text about 0.4 ms (docs/benchmarks.md, "session 10").
                IntentClassifier.Judgement why = classifier.judge(v);
                hits.add(new SemanticScan.Hit(c.start(), c.end(), c.text(), round(p), why.nearestExemplar(),
                        round(why.exemplarSimilarity())));
            }
        }
        return new SemanticScan(classifier.name(), embedder.name(), List.copyOf(hits), round(max), judged, skipped,
                gated, notReached, notReached > 0, round((System.nanoTime() - t0) / 1e6));
    }

    /**
     * The embeddings of the chunks the budget allows. Cached sentences cost nothing and are always
     * there; the others go to the model in document order, as many per call as the remaining budget is
     * predicted to pay for (at least one), until they are all embedded or the budget is spent. A call
     * is not interrupted, so the budget can be overrun by the misprediction of the last call (at worst
     * one sentence when the budget was nearly spent).
     */
    private Map<String, float[]> embedWithinBudget(List<Chunks.Chunk> chunks, Budget budget) {
        Map<String, float[]> vectors = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (Chunks.Chunk c : chunks) {
            if (!vectors.containsKey(c.text()) && !missing.contains(c.text())) {
                float[] v = embedder.lookup(c.text());
                if (v != null) {
                    vectors.put(c.text(), v);
                } else {
                    missing.add(c.text());
                }
            }
        }
        List<String> misses = List.copyOf(missing);
        int next = 0;
        while (next < misses.size() && !budget.exhausted()) {
            int end = next + cost.affordable(misses.subList(next, misses.size()), budget.remainingNanos());
            List<String> batch = misses.subList(next, end);
            long s = System.nanoTime();
            List<float[]> out = embedder.embedAll(batch);
            long spent = System.nanoTime() - s;
            budget.spend(spent);
            cost.observe(batch, spent);
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i), out.get(i));
            }
            next = end;
        }
        return vectors;
    }

    static boolean hasCue(String sentence, Set<String> cues) {
        int n = sentence.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(sentence.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && (Character.isLetter(sentence.charAt(i)) || sentence.charAt(i) == '\'')) {
                i++;
            }
            if (i > start && cues.contains(sentence.substring(start, i).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
