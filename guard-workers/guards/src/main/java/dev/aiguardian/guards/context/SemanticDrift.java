package dev.aiguardian.guards.context;

import dev.aiguardian.guards.semantic.DenseCentroid;
import dev.aiguardian.guards.semantic.Vectors;

/**
 * Adds the semantic layer's view to a lexical drift judgement: the cosine similarity of the turn's
 * embedding to the session's semantic centroid, mapped to a drift score and blended with the
 * lexical one. The embedding knows that "glaze" and "kiln" belong together without any lexicon;
 * the lexical score keeps the session's own rare words. Pure.
 */
final class SemanticDrift {
    // Chosen by a sweep on the in-sample drift sets only (context/drift-corpus.json and drift-tuning2.json;
    // docs/guards/semantic.md): at and above ON_TOPIC the turn is fully on topic in embedding space, at and
    // below OFF_TOPIC fully off. Short on-topic follow-ups embed at 0.1-0.3 from the centroid, so the ramp
    // runs down to 0 rather than stopping at 0.1.
    static final double ON_TOPIC = 0.40;
    static final double OFF_TOPIC = 0.0;
    /** Share of the semantic score in the blended drift score: above half, because the lexical score
     * reads "no shared word" as drift, which is what a terse on-topic follow-up looks like. */
    static final double WEIGHT = 0.6;
    /** Factor on the blended score of a turn that refers back ({@link BackReference}), same sweep. */
    static final double BACK_REFERENCE = 0.6;

    private SemanticDrift() {
    }

    static DriftResult combine(DriftResult lexical, SessionMemory before, String text, float[] turn, DriftSettings settings) {
        float[] centroid = DenseCentroid.decode(before.semanticCentroid());
        // Warm-up and contentless follow-ups ("why?") stay as the lexical detector decided: no topic to leave.
        if (centroid == null || lexical.reason().equals("warmup") || lexical.reason().equals("no topical words")) {
            return lexical;
        }
        double sim = Vectors.cosine(turn, centroid);
        double semantic = Math.max(0, Math.min(1, (ON_TOPIC - sim) / (ON_TOPIC - OFF_TOPIC)));
        double score = WEIGHT * semantic + (1 - WEIGHT) * lexical.driftScore();
        boolean refersBack = BackReference.refersBack(text);
        if (refersBack) {
            score *= BACK_REFERENCE;
        }
        boolean drift = score >= settings.threshold();
        String reason = (drift ? "dissimilar (semantic)" : "similar (semantic)") + (refersBack ? ", refers back" : "");
        return new DriftResult(lexical.similarity(), round(score), drift, reason, round(sim));
    }

    private static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }
}
