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
    // Chosen by a sweep on the in-sample drift corpus only (context/drift-corpus.json; docs/guards/semantic.md):
    // at and above ON_TOPIC the turn is fully on topic in embedding space, at and below OFF_TOPIC fully off.
    static final double ON_TOPIC = 0.40;
    static final double OFF_TOPIC = 0.10;
    /** Share of the semantic score in the blended drift score. */
    static final double WEIGHT = 0.4;

    private SemanticDrift() {
    }

    static DriftResult combine(DriftResult lexical, SessionMemory before, float[] turn, DriftSettings settings) {
        float[] centroid = DenseCentroid.decode(before.semanticCentroid());
        // Warm-up and contentless follow-ups ("why?") stay as the lexical detector decided: no topic to leave.
        if (centroid == null || lexical.reason().equals("warmup") || lexical.reason().equals("no topical words")) {
            return lexical;
        }
        double sim = Vectors.cosine(turn, centroid);
        double semantic = Math.max(0, Math.min(1, (ON_TOPIC - sim) / (ON_TOPIC - OFF_TOPIC)));
        double score = WEIGHT * semantic + (1 - WEIGHT) * lexical.driftScore();
        boolean drift = score >= settings.threshold();
        String reason = drift ? "dissimilar (semantic)" : "similar (semantic)";
        return new DriftResult(lexical.similarity(), round(score), drift, reason, round(sim));
    }

    private static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }
}
