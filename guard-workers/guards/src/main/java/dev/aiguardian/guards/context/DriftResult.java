package dev.aiguardian.guards.context;

/**
 * How far a turn is from its session's topic.
 *
 * @param similarity cosine similarity of the turn to the session centroid, 0..1
 * @param driftScore 0 (on topic) .. 1 (unrelated)
 * @param drift      whether the score reached the threshold
 * @param reason     why, in a few words: "warmup", "no topical words", "similar", "dissimilar"
 * @param semanticSimilarity cosine similarity in embedding space, or null when the semantic layer did not judge
 */
public record DriftResult(double similarity, double driftScore, boolean drift, String reason, Double semanticSimilarity) {

    public DriftResult(double similarity, double driftScore, boolean drift, String reason) {
        this(similarity, driftScore, drift, reason, null);
    }
}
