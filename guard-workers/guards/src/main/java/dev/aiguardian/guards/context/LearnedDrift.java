package dev.aiguardian.guards.context;

import dev.aiguardian.guards.semantic.DenseCentroid;
import dev.aiguardian.guards.semantic.Vectors;

/**
 * Judges drift with a logistic regression over what the lexical detector and the semantic layer already
 * compute, in place of the hand blend of {@link SemanticDrift}. Pure.
 */
final class LearnedDrift {
    // Fitted on the in-sample drift sets only (context/drift-corpus, drift-tuning2, -tuning3, -tuning4; L2 3 on
    // standardised features), decision threshold chosen by 5-fold cross-validation over sessions and folded
    // into BIAS so that drift = probability >= 0.5; scripts/drift/learned-combiner-cv.py, docs/guards/semantic.md.
    static final double W_COSINE = -7.256357;
    static final double W_LEXICAL = 0.727145;
    static final double W_BACK_REFERENCE = -1.999275;
    static final double W_CONCEPT_OVERLAP = -2.495400;
    static final double W_HAS_CONCEPTS = 1.368243;
    static final double BIAS = 0.761755;
    /** Stands in for the concept overlap when the turn or the session names no lexicon concept. */
    static final double NO_CONCEPT = 0.5;

    private LearnedDrift() {
    }

    static DriftResult combine(DriftResult lexical, SessionMemory before, String text, float[] turn,
            DriftDetector detector, DriftSettings settings) {
        float[] centroid = DenseCentroid.decode(before.semanticCentroid());
        // Warm-up and contentless follow-ups ("why?") stay as the lexical detector decided: no topic to leave.
        if (centroid == null || lexical.reason().equals("warmup") || lexical.reason().equals("no topical words")) {
            return lexical;
        }
        double sim = Vectors.cosine(turn, centroid);
        double concept = detector.conceptOverlap(before, text);
        boolean refersBack = BackReference.refersBack(text);
        double z = BIAS + W_COSINE * sim + W_LEXICAL * lexical.driftScore() + (refersBack ? W_BACK_REFERENCE : 0)
                + (Double.isNaN(concept) ? W_CONCEPT_OVERLAP * NO_CONCEPT : W_CONCEPT_OVERLAP * concept + W_HAS_CONCEPTS);
        double score = 1 / (1 + Math.exp(-z));
        boolean drift = score >= settings.threshold();
        String reason = (drift ? "dissimilar (semantic)" : "similar (semantic)") + (refersBack ? ", refers back" : "");
        return new DriftResult(lexical.similarity(), round(score), drift, reason, round(sim));
    }

    private static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }
}
