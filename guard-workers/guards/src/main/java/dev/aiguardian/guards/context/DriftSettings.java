package dev.aiguardian.guards.context;

/**
 * How drift is judged.
 *
 * @param threshold         {@code drift} is true when {@code drift_score >= threshold}
 * @param warmupTurns       the first this many non-system turns of a session never drift (no topic yet)
 * @param onTopicSimilarity cosine similarity at and above which a turn scores 0 (fully on topic);
 *                          {@code drift_score = 1 - min(1, similarity / onTopicSimilarity)}
 * @param decay             weight the centroid keeps per new turn (older turns fade, the topic can move)
 * @param maxCentroidFeatures the centroid keeps only its strongest features, bounding the stored state
 */
public record DriftSettings(double threshold, int warmupTurns, double onTopicSimilarity, double decay,
        int maxCentroidFeatures) {

    public static final DriftSettings DEFAULT = new DriftSettings(0.5, 2, 0.40, 0.8, 1500);

    public DriftSettings {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("drift threshold must be in (0, 1]");
        }
        if (warmupTurns < 1) {
            throw new IllegalArgumentException("warmup turns must be >= 1");
        }
        if (!(onTopicSimilarity > 0 && onTopicSimilarity <= 1) || !(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("onTopicSimilarity and decay must be in (0, 1]");
        }
        if (maxCentroidFeatures < 16) {
            throw new IllegalArgumentException("maxCentroidFeatures must be >= 16");
        }
    }

    public DriftSettings withThreshold(double t) {
        return new DriftSettings(t, warmupTurns, onTopicSimilarity, decay, maxCentroidFeatures);
    }
}
