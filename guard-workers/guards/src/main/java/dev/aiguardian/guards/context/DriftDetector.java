package dev.aiguardian.guards.context;

import java.util.ArrayList;
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
    private final Map<String, Stem> stems;
    private final int conceptCount;

    /**
     * What {@link #read} needs of a stem the lists know, from one look-up: whether it is generic and, if not, its
     * concepts (in the lexicon's order) as dense indexes and as feature ids.
     */
    private record Stem(boolean generic, int[] concepts, int[] conceptFeatures) {
    }

    public DriftDetector(DriftSettings settings) {
        this.settings = settings;
        this.analyzer = new TextAnalyzer();
        this.generic = Set.copyOf(TextAnalyzer.stems(TextAnalyzer.wordList("/context/generic-words.txt")));
        this.concepts = loadConcepts();
        Set<Integer> ids = new HashSet<>();
        concepts.values().forEach(cs -> cs.forEach(c -> ids.add(feature(CONCEPT_KIND, c))));
        this.conceptIds = Set.copyOf(ids);
        Map<String, Integer> index = new HashMap<>();
        Map<String, Stem> byStem = new HashMap<>();
        generic.forEach(g -> byStem.put(g, new Stem(true, null, null)));
        concepts.forEach((stem, cs) -> {
            if (!generic.contains(stem) && !cs.isEmpty()) {
                int[] dense = new int[cs.size()];
                int[] features = new int[cs.size()];
                for (int i = 0; i < cs.size(); i++) {
                    dense[i] = index.computeIfAbsent(cs.get(i), c -> index.size());
                    features[i] = feature(CONCEPT_KIND, cs.get(i));
                }
                byStem.put(stem, new Stem(false, dense, features));
            }
        });
        this.stems = byStem; // never changed after this; a HashMap finds a slot without Map.copyOf's division
        this.conceptCount = index.size();
    }

    public DriftSettings settings() {
        return settings;
    }

    /**
     * A turn read once: its content words and its unit feature vector, for judging it against the session and then
     * adding it to the session's topic (reading it once per use was half of contextguard's cost), with what
     * {@link #judge} asks of each non-generic word: its word feature and whether the lexicon knows it.
     */
    public static final class Reading {
        private final List<TextAnalyzer.Word> words;
        private final SparseVector vector;
        private final int[] contentIds;
        private final boolean[] inLexicon;

        private Reading(List<TextAnalyzer.Word> words, SparseVector vector, int[] contentIds, boolean[] inLexicon) {
            this.words = words;
            this.vector = vector;
            this.contentIds = contentIds;
            this.inLexicon = inLexicon;
        }

        public List<TextAnalyzer.Word> words() {
            return words;
        }

        public SparseVector vector() {
            return vector;
        }
    }

    /** Reads a turn: its content words and feature vector. */
    public Reading read(String text) {
        List<TextAnalyzer.Word> words = analyzer.words(text);
        // each word looked up once, in one map of the generic list and the lexicon
        int n = words.size();
        int[] stemIds = new int[n];
        Stem[] known = new Stem[n];
        int content = 0;
        for (int i = 0; i < n; i++) {
            String stem = words.get(i).stem();
            known[i] = stems.get(stem);
            stemIds[i] = wordFeature(stem);
            content += known[i] != null && known[i].generic() ? 0 : 1;
        }
        int[] contentIds = new int[content];
        boolean[] inLexicon = new boolean[content];
        for (int i = 0, k = 0; i < n; i++) {
            if (known[i] == null || !known[i].generic()) {
                contentIds[k] = stemIds[i];
                inLexicon[k++] = known[i] != null; // the lexicon has no word without a concept
            }
        }
        return new Reading(words, vectorize(words, stemIds, known), contentIds, inLexicon);
    }

    /** The turn's feature vector, unit length (empty when the text has no content words). */
    public SparseVector vectorize(String text) {
        return read(text).vector();
    }

    private SparseVector vectorize(List<TextAnalyzer.Word> words, int[] stemIds, Stem[] known) {
        int n = words.size();
        int grams = 0;
        int senses = 0;
        boolean ambiguous = false;
        for (int k = 0; k < n; k++) {
            if (known[k] == null) {
                grams += words.get(k).surface().length() - 1;
            } else if (!known[k].generic()) {
                grams += words.get(k).surface().length() - 1;
                senses += known[k].concepts().length;
                ambiguous |= known[k].concepts().length > 1;
            }
        }
        FeatureWeights wordTf = new FeatureWeights(n);
        FeatureWeights charTf = new FeatureWeights(grams);
        FeatureWeights conceptTf = new FeatureWeights(senses);
        for (int k = 0; k < n; k++) {
            TextAnalyzer.Word w = words.get(k);
            boolean isGeneric = known[k] != null && known[k].generic();
            wordTf.add(stemIds[k], isGeneric ? GENERIC_WEIGHT : 1.0);
            if (!isGeneric) {
                // the 4-grams of "_" + surface + "_", hashed in place
                String surface = w.surface();
                for (int i = 0; i + 4 <= surface.length() + 2; i++) {
                    charTf.add(paddedGram(surface, i), 1.0);
                }
            }
        }
        addConcepts(conceptTf, known, ambiguous);
        FeatureWeights v = new FeatureWeights(wordTf.size() + charTf.size() + conceptTf.size());
        addBlock(v, wordTf, WORD_WEIGHT);
        addBlock(v, charTf, CHAR_WEIGHT);
        addBlock(v, conceptTf, CONCEPT_WEIGHT);
        return SparseVector.normalized(v);
    }

    /**
     * The concept block's term counts, word by word: {@link #senses} over the dense concept indexes, without a list
     * or a map per turn.
     */
    private void addConcepts(FeatureWeights conceptTf, Stem[] known, boolean ambiguous) {
        int[] support = null;
        if (ambiguous) {
            support = new int[conceptCount];
            for (Stem s : known) {
                if (s != null && !s.generic()) {
                    for (int c : s.concepts()) { // a word's concepts are distinct (loadConcepts)
                        support[c]++;
                    }
                }
            }
        }
        for (Stem s : known) {
            if (s == null || s.generic()) {
                continue;
            }
            int[] cs = s.concepts();
            int supported = 0;
            if (cs.length > 1) {
                for (int c : cs) {
                    supported += support[c] > 1 ? 1 : 0;
                }
            }
            // One unit of weight per word, shared by the senses it keeps: an undecided ambiguous
            // word must not outweigh a word that means one thing.
            if (supported == 0) {
                for (int c = 0; c < cs.length; c++) {
                    conceptTf.add(s.conceptFeatures()[c], 1.0 / cs.length);
                }
            } else {
                for (int c = 0; c < cs.length; c++) {
                    if (support[cs[c]] > 1) {
                        conceptTf.add(s.conceptFeatures()[c], 1.0 / supported);
                    }
                }
            }
        }
    }

    /**
     * The concepts of each of the turn's content words. An ambiguous word ("starter": baking or cars)
     * keeps only the senses that another word of the same turn supports, when any does: "starter
     * car" is about cars whatever the session was about. Only the turn itself disambiguates; using
     * the session would pull every ambiguous word on topic.
     */
    private static List<List<String>> senses(List<List<String>> perWord) {
        Map<String, Integer> support = new HashMap<>();
        for (List<String> cs : perWord) {
            for (String c : cs) { // a word's concepts are distinct (loadConcepts)
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

    /**
     * Judges a new turn against the memory as it was before the turn. Low similarity is only
     * evidence of drift for the words the detector knows (in the concept lexicon, or already said in
     * the session): a turn made of words it has never seen ("melatonin", "glaze") might be on topic
     * in vocabulary no list covers, so its score is scaled down by the known share of its words:
     * {@code drift_score = (1 - min(1, similarity / onTopicSimilarity)) * (0.4 + 0.6 * known)}.
     */
    public DriftResult judge(SessionMemory before, String text) {
        return judge(before, read(text));
    }

    /** {@link #judge(SessionMemory, String)} of a turn already read. */
    public DriftResult judge(SessionMemory before, Reading turn) {
        if (before.topicTurns() < settings.warmupTurns() || before.centroid().isEmpty()) {
            return new DriftResult(0, 0, false, "warmup");
        }
        long[] known = known(before, turn);
        if (known[1] == 0) {
            // "why?", "can you explain more?": a follow-up has no topic of its own, so it cannot leave one.
            return new DriftResult(0, 0, false, "no topical words");
        }
        double sim = turn.vector().cosine(before.centroid());
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
        long[] known = known(before, read(text));
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
        List<List<String>> lexicon = new ArrayList<>();
        for (TextAnalyzer.Word w : analyzer.words(text)) {
            lexicon.add(generic.contains(w.stem()) ? List.of() : concepts.getOrDefault(w.stem(), List.of()));
        }
        for (List<String> senses : senses(lexicon)) {
            for (String c : senses) {
                turn.merge(feature(CONCEPT_KIND, c), 1.0 / senses.size(), Double::sum);
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
        return SparseVector.of(turn).cosine(session);
    }

    // {known content words, content words}
    private static long[] known(SessionMemory before, Reading turn) {
        Centroid centroid = Centroid.of(before.centroid());
        long known = 0;
        for (int i = 0; i < turn.contentIds.length; i++) {
            if (turn.inLexicon[i] || centroid.has(turn.contentIds[i])) {
                known++;
            }
        }
        return new long[] {known, turn.contentIds.length};
    }

    /**
     * The centroid after a turn: {@code decay * old + v}, keeping only the strongest features. Cosine is
     * scale-free, so the centroid needs no renormalising.
     */
    public Map<Integer, Double> update(Map<Integer, Double> centroid, SparseVector v) {
        return Centroid.of(centroid).next(v, settings.decay(), settings.maxCentroidFeatures());
    }

    private static void addBlock(FeatureWeights into, FeatureWeights tf, double blockWeight) {
        if (tf.size() == 0) {
            return;
        }
        // Sub-linear term frequency: repeating a word says it matters, not that it matters tenfold. The block is
        // scaled to unit length as it is added.
        double squares = 0;
        for (int i = 0; i < tf.size(); i++) {
            double w = sublinear(tf.weight(i));
            squares += w * w;
        }
        double norm = Math.sqrt(squares);
        if (norm == 0) {
            return;
        }
        for (int i = 0; i < tf.size(); i++) {
            into.add(tf.id(i), sublinear(tf.weight(i)) / norm * blockWeight);
        }
    }

    private static double sublinear(double n) {
        // most features occur once: 1 + log(1) is 1 exactly, without the logarithm (twice per feature, addBlock)
        return n == 1 ? 1 : n >= 1 ? 1 + Math.log(n) : n;
    }

    // String.hashCode is specified by the JLS, so feature ids are stable across JVMs and releases,
    // which matters because centroids are stored. The id is that of the string kind + "|" + value,
    // hashed without building it; the mix spreads the bits before masking.
    static final int WORD_KIND = "w|".hashCode();
    private static final int CHAR_KIND = "c|".hashCode();
    private static final int CONCEPT_KIND = "k|".hashCode();

    static int feature(int kind, String value) {
        int h = kind;
        for (int i = 0; i < value.length(); i++) {
            h = 31 * h + value.charAt(i);
        }
        return mix(h);
    }

    private static final int[] POWERS_OF_31 = new int[32];

    static {
        POWERS_OF_31[0] = 1;
        for (int i = 1; i < POWERS_OF_31.length; i++) {
            POWERS_OF_31[i] = 31 * POWERS_OF_31[i - 1];
        }
    }

    /**
     * {@code feature(WORD_KIND, stem)} from the stem's String.hashCode, which the look-up just before computed and
     * the string keeps: the kind's hash times 31 to the length, plus the stem's hash, is the hash of the two joined.
     */
    static int wordFeature(String stem) {
        int n = stem.length();
        int power = 1;
        if (n < POWERS_OF_31.length) {
            power = POWERS_OF_31[n];
        } else {
            for (int i = 0; i < n; i++) {
                power *= 31;
            }
        }
        return mix(WORD_KIND * power + stem.hashCode());
    }

    /** The id of the 4-gram at {@code from} of "_" + surface + "_". */
    private static int paddedGram(String surface, int from) {
        int h = CHAR_KIND;
        for (int i = from; i < from + 4; i++) {
            h = 31 * h + (i == 0 || i == surface.length() + 1 ? '_' : surface.charAt(i - 1));
        }
        return mix(h);
    }

    private static int mix(int hash) {
        int h = hash;
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
