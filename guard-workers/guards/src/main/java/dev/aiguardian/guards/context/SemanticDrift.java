package dev.aiguardian.guards.context;

import dev.aiguardian.guards.semantic.DenseCentroid;
import dev.aiguardian.guards.semantic.Vectors;

/**
 * Adds the semantic layer's view to a lexical drift judgement: the cosine similarity of the turn's
 * embedding to the session's semantic centroid and, when the session's topic anchor could be embedded
 * with the turn, how far the turn moves that anchor's embedding ({@link #anchorText}). The embedding
 * knows that "glaze" and "kiln" belong together without any lexicon; the lexical score keeps the
 * session's own rare words. Pure.
 */
final class SemanticDrift {
    // Hand blend, used when the anchor could not be embedded (no user turn remembered, budget spent).
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

    // Logistic regression over four features, fitted on the in-sample drift sets only (drift-corpus,
    // drift-tuning2, drift-tuning3) by DriftFeatureTool (guard-workers/semantic tests, L2 penalty 30, chosen by
    // leaving one in-sample set out at a time); probability 0.5 is the drift threshold. Turn length was a
    // fifth feature and was dropped: it fitted how the tuning sets were written and cost precision on the
    // set left out (docs/guards/semantic.md).
    static final double W_CENTROID = -3.400;
    static final double W_LEXICAL = 2.408;
    static final double W_BACK_REFERENCE = -1.164;
    static final double W_ANCHOR_SHIFT = -4.305;
    static final double BIAS = 2.231;
    /** The anchor is cut to this many characters so that the turn fits in the embedded text after it. */
    static final int ANCHOR_MAX_CHARS = 200;

    private SemanticDrift() {
    }

    /**
     * The session's topic anchor: its oldest remembered user turn (system prompts are instructions, not
     * the subject), cut at a word boundary; null when no user turn is remembered.
     */
    static String anchorText(SessionMemory before) {
        for (Turn t : before.turns()) {
            if (Turn.USER.equals(t.role()) && !t.text().isBlank()) {
                String a = t.text().strip();
                if (a.length() <= ANCHOR_MAX_CHARS) {
                    return a;
                }
                int cut = a.lastIndexOf(' ', ANCHOR_MAX_CHARS);
                return a.substring(0, cut > 0 ? cut : ANCHOR_MAX_CHARS);
            }
        }
        return null;
    }

    /**
     * @param anchorShift cosine between the anchor's embedding and the embedding of the anchor followed
     *                    by the turn, or null when either could not be computed (then the hand blend decides)
     */
    /** True when {@link #combine} will judge (not keep the lexical answer): worth the model runs. */
    static boolean judges(DriftResult lexical, SessionMemory before) {
        return before.semanticCentroid() != null && !lexical.reason().equals("warmup")
                && !lexical.reason().equals("no topical words");
    }

    static DriftResult combine(DriftResult lexical, SessionMemory before, String text, float[] turn, Double anchorShift,
            DriftSettings settings) {
        float[] centroid = DenseCentroid.decode(before.semanticCentroid());
        // Warm-up and contentless follow-ups ("why?") stay as the lexical detector decided: no topic to leave.
        if (centroid == null || !judges(lexical, before)) {
            return lexical;
        }
        double sim = Vectors.cosine(turn, centroid);
        boolean refersBack = BackReference.refersBack(text);
        double score;
        String how;
        if (anchorShift != null) {
            double z = BIAS + W_CENTROID * sim + W_LEXICAL * lexical.driftScore() + W_BACK_REFERENCE * (refersBack ? 1 : 0)
                    + W_ANCHOR_SHIFT * anchorShift;
            score = 1 / (1 + Math.exp(-z));
            how = "semantic, anchor";
        } else {
            double semantic = Math.max(0, Math.min(1, (ON_TOPIC - sim) / (ON_TOPIC - OFF_TOPIC)));
            score = WEIGHT * semantic + (1 - WEIGHT) * lexical.driftScore();
            if (refersBack) {
                score *= BACK_REFERENCE;
            }
            how = "semantic";
        }
        boolean drift = score >= settings.threshold();
        String reason = (drift ? "dissimilar (" : "similar (") + how + ")" + (refersBack ? ", refers back" : "");
        return new DriftResult(lexical.similarity(), round(score), drift, reason, round(sim));
    }

    private static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }
}
