package dev.aiguardian.guards.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores how far a new turn is from its session's topic. A turn becomes a hashed sparse vector of
 * three normalised blocks: word stems (TF sub-linear, generic words down-weighted as an IDF prior),
 * character 4-grams of the content words (catches inflections and compounds the stemmer misses),
 * and topic concepts from a bundled lexicon (so "loaf" and "dough" meet although they share no
 * letters). The session's topic is a decayed centroid of its turn vectors; drift is one minus the
 * scaled cosine similarity to it, damped when the turn is in words the detector does not know
 * (see {@link #judge}). Thread-safe and pure after construction.
 */
public final class DriftDetector {

    // Block weights, tuned on the drift corpus: concepts carry the meaning that word overlap cannot,
    // words and character n-grams catch the session's own vocabulary that no lexicon lists.
    private static final double WORD_WEIGHT = 0.6;
    private static final double CHAR_WEIGHT = 0.25;
    private static final double CONCEPT_WEIGHT = 1.0;
    private static final double GENERIC_WEIGHT = 0.2;
    private static final int FEATURE_SPACE = 1 << 22;

    private final DriftSettings settings;
    private final TextAnalyzer analyzer;
    private final Set<String> generic;
    private final Map<String, List<String>> concepts;
    private final Set<Integer> conceptIds;

    public DriftDetector(DriftSettings settings) {
        this.settings = settings;
        this.analyzer = new TextAnalyzer();
        this.generic = Set.copyOf(TextAnalyzer.stems(TextAnalyzer.wordList("/context/generic-words.txt")));
        this.concepts = loadConcepts();
        Set<Integer> ids = new HashSet<>();
        concepts.values().forEach(cs -> cs.forEach(c -> ids.add(feature("k", c))));
        this.conceptIds = Set.copyOf(ids);
    }

    public DriftSettings settings() {
        return settings;
    }

    /** The turn's feature vector, unit length (empty when the text has no content words). */
    public SparseVector vectorize(String text) {
        List<TextAnalyzer.Word> words = analyzer.words(text);
        Map<Integer, Double> wordTf = new HashMap<>();
        Map<Integer, Double> charTf = new HashMap<>();
        Map<Integer, Double> conceptTf = new HashMap<>();
        for (TextAnalyzer.Word w : words) {
            double weight = generic.contains(w.stem()) ? GENERIC_WEIGHT : 1.0;
            wordTf.merge(feature("w", w.stem()), weight, Double::sum);
            if (weight == 1.0) {
                String padded = "_" + w.surface() + "_";
                for (int i = 0; i + 4 <= padded.length(); i++) {
                    charTf.merge(feature("c", padded.substring(i, i + 4)), 1.0, Double::sum);
                }
            }
        }
        for (List<String> senses : senses(words)) {
            // One unit of weight per word, shared by the senses it keeps: an undecided ambiguous
            // word must not outweigh a word that means one thing.
            for (String c : senses) {
                conceptTf.merge(feature("k", c), 1.0 / senses.size(), Double::sum);
            }
        }
        Map<Integer, Double> v = new HashMap<>();
        addBlock(v, wordTf, WORD_WEIGHT);
        addBlock(v, charTf, CHAR_WEIGHT);
        addBlock(v, conceptTf, CONCEPT_WEIGHT);
        return new SparseVector(v).normalized();
    }

    /**
     * The concepts of each of the turn's content words. An ambiguous word ("starter": baking or cars)
     * keeps only the senses that another word of the same turn supports, when any does: "starter
     * car" is about cars whatever the session was about. Only the turn itself disambiguates; using
     * the session would pull every ambiguous word on topic.
     */
    private List<List<String>> senses(List<TextAnalyzer.Word> words) {
        Map<String, Integer> support = new HashMap<>();
        List<List<String>> perWord = new ArrayList<>();
        for (TextAnalyzer.Word w : words) {
            List<String> cs = generic.contains(w.stem()) ? List.of() : concepts.getOrDefault(w.stem(), List.of());
            perWord.add(cs);
            for (String c : new HashSet<>(cs)) {
                support.merge(c, 1, Integer::sum);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> cs : perWord) {
            if (cs.size() <= 1) {
                if (!cs.isEmpty()) {
                    out.add(cs);
                }
                continue;
            }
            List<String> supported = cs.stream().filter(c -> support.get(c) > 1).toList();
            out.add(supported.isEmpty() ? cs : supported);
        }
        return out;
    }

    /** True when the text has at least one content word that is not generic: something to judge. */
    public boolean topical(String text) {
        return analyzer.words(text).stream().anyMatch(w -> !generic.contains(w.stem()));
    }

    /**
     * Judges a new turn against the memory as it was before the turn. Low similarity is only
     * evidence of drift for the words the detector knows (in the concept lexicon, or already said in
     * the session): a turn made of words it has never seen ("melatonin", "glaze") might be on topic
     * in vocabulary no list covers, so its score is scaled down by the known share of its words:
     * {@code drift_score = (1 - min(1, similarity / onTopicSimilarity)) * (0.4 + 0.6 * known)}.
     */
    public DriftResult judge(SessionMemory before, String text) {
        if (before.topicTurns() < settings.warmupTurns() || before.centroid().isEmpty()) {
            return new DriftResult(0, 0, false, "warmup");
        }
        long[] known = known(before, text);
        if (known[1] == 0) {
            // "why?", "can you explain more?": a follow-up has no topic of its own, so it cannot leave one.
            return new DriftResult(0, 0, false, "no topical words");
        }
        double sim = vectorize(text).cosine(before.centroid());
        double confidence = 0.4 + 0.6 * known[0] / known[1];
        double score = (1 - Math.min(1, sim / settings.onTopicSimilarity())) * confidence;
        boolean drift = score >= settings.threshold();
        String reason = drift ? "dissimilar" : score < 0.5 * confidence ? "similar" : "dissimilar but unfamiliar words";
        return new DriftResult(round(sim), round(score), drift, reason);
    }

    /**
     * Share of the turn's non-generic content words that are in the concept lexicon or already in the
     * session's centroid; NaN when the turn has no such word.
     */
    double knownShare(SessionMemory before, String text) {
        long[] known = known(before, text);
        return known[1] == 0 ? Double.NaN : known[0] / (double) known[1];
    }

    /**
     * Cosine between the turn's lexicon concepts and the concept part of the session's centroid: a turn
     * that reuses a session word but whose concepts are all elsewhere ("starter motor" in a baking
     * session) scores low. NaN when the turn names no concept or the session has none. Not part of
     * {@link #judge}: a drift feature for the in-sample exploration (DriftFeatureTool; the learned combiner
     * that used it was measured and rejected, docs/guards/semantic.md).
     */
    double conceptOverlap(SessionMemory before, String text) {
        Map<Integer, Double> turn = new HashMap<>();
        for (List<String> senses : senses(analyzer.words(text))) {
            for (String c : senses) {
                turn.merge(feature("k", c), 1.0 / senses.size(), Double::sum);
            }
        }
        Map<Integer, Double> session = new HashMap<>();
        before.centroid().forEach((k, w) -> {
            if (conceptIds.contains(k)) {
                session.put(k, w);
            }
        });
        if (turn.isEmpty() || session.isEmpty()) {
            return Double.NaN;
        }
        return new SparseVector(turn).cosine(session);
    }

    // {known content words, content words}
    private long[] known(SessionMemory before, String text) {
        List<TextAnalyzer.Word> content = analyzer.words(text).stream().filter(w -> !generic.contains(w.stem())).toList();
        long known = content.stream()
                .filter(w -> concepts.containsKey(w.stem()) || before.centroid().containsKey(feature("w", w.stem())))
                .count();
        return new long[] {known, content.size()};
    }

    /**
     * The centroid after a turn: {@code decay * old + v}, keeping only the strongest features. Cosine is
     * scale-free, so the centroid needs no renormalising; rounding keeps the stored JSON compact.
     */
    public Map<Integer, Double> update(Map<Integer, Double> centroid, SparseVector v) {
        Map<Integer, Double> sum = SparseVector.combine(centroid, settings.decay(), v.weights(), 1.0);
        List<Map.Entry<Integer, Double>> entries = new ArrayList<>(sum.entrySet());
        if (entries.size() > settings.maxCentroidFeatures()) {
            entries.sort(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder()));
            entries = entries.subList(0, settings.maxCentroidFeatures());
        }
        Map<Integer, Double> out = new HashMap<>(entries.size() * 2);
        for (Map.Entry<Integer, Double> e : entries) {
            double r = Math.round(e.getValue() * 1e6) / 1e6;
            if (r > 0) {
                out.put(e.getKey(), r);
            }
        }
        return out;
    }

    private static void addBlock(Map<Integer, Double> into, Map<Integer, Double> tf, double blockWeight) {
        if (tf.isEmpty()) {
            return;
        }
        Map<Integer, Double> sub = new HashMap<>(tf.size() * 2);
        // Sub-linear term frequency: repeating a word says it matters, not that it matters tenfold.
        tf.forEach((k, n) -> sub.put(k, n >= 1 ? 1 + Math.log(n) : n));
        SparseVector unit = new SparseVector(sub).normalized();
        unit.weights().forEach((k, w) -> into.merge(k, w * blockWeight, Double::sum));
    }

    // String.hashCode is specified by the JLS, so feature ids are stable across JVMs and releases,
    // which matters because centroids are stored. The mix spreads the bits before masking.
    private static int feature(String kind, String value) {
        int h = (kind + "|" + value).hashCode();
        h ^= (h >>> 16);
        h *= 0x85ebca6b;
        h ^= (h >>> 13);
        return h & (FEATURE_SPACE - 1);
    }

    private static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }

    // Lines "concept: word word ...": each word (stemmed) maps to the concepts it appears under.
    private static Map<String, List<String>> loadConcepts() {
        Map<String, Set<String>> out = new HashMap<>();
        for (String line : TextAnalyzer.wordList("/context/concepts.txt")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String concept = line.substring(0, colon).strip();
            for (String w : line.substring(colon + 1).strip().split("[\\s,]+")) {
                if (!w.isEmpty()) {
                    out.computeIfAbsent(TextAnalyzer.stem(w), k -> new HashSet<>()).add(concept);
                }
            }
        }
        Map<String, List<String>> frozen = new HashMap<>();
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Map.copyOf(frozen);
    }
}
