package dev.aiguardian.guards.context;

import dev.aiguardian.guards.semantic.DenseCentroid;
import dev.aiguardian.guards.semantic.Vectors;

/**
 * Judges drift with a logistic regression over what the lexical detector and the semantic layer already
 * compute, in place of the hand blend of {@link SemanticDrift}. Pure.
 */
final class LearnedDrift {
    // Fitted on the in-sample drift sets only (context/drift-corpus, drift-tuning2, -tuning3, -tuning4; L2 1 on
    // standardised features), decision threshold chosen by 5-fold cross-validation over sessions and folded
    // into BIAS so that drift = probability >= 0.5; scripts/drift/learned-combiner-cv.py, docs/guards/semantic.md.
    static final double W_SEMANTIC = 3.418198;
    static final double W_LEXICAL = -2.614898;
    static final double W_LEXICAL_KNOWN = 1.712747;
    static final double W_BACK_REFERENCE = -2.049875;
    static final double W_CONCEPT_OVERLAP = -5.011912;
    static final double W_HAS_CONCEPTS = -0.500847;
    static final double BIAS = 1.437638;
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
        double semantic = ramp(sim, 0.4, 0.0);
        double lex = ramp(lexical.similarity(), 0.4, 0.0);
        double z = BIAS + W_SEMANTIC * semantic + W_LEXICAL * lex + W_LEXICAL_KNOWN * lex * detector.knownShare(before, text)
                + (refersBack ? W_BACK_REFERENCE : 0)
                + (Double.isNaN(concept) ? W_CONCEPT_OVERLAP * NO_CONCEPT : W_CONCEPT_OVERLAP * concept + W_HAS_CONCEPTS);
        double score = 1 / (1 + Math.exp(-z));
        boolean drift = score >= settings.threshold();
        String reason = (drift ? "dissimilar (semantic)" : "similar (semantic)") + (refersBack ? ", refers back" : "");
        return new DriftResult(lexical.similarity(), round(score), drift, reason, round(sim));
    }

    private static double ramp(double x, double on, double off) {
        return Math.max(0, Math.min(1, (on - x) / (on - off)));
    }

    private static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }
}
