package dev.aiguardian.guards.semantic;

import java.util.List;

/**
 * What the semantic layer did with one text for one classifier, reported in the guard's result so
 * that every decision is explainable and its cost visible.
 *
 * @param classifier      which intent was judged ("injection", "hostility")
 * @param model           the embedding model
 * @param hits            the sentences at or above the classifier's threshold
 * @param maxProbability  the highest probability over the judged sentences
 * @param chunksJudged    sentences the model judged
 * @param chunksSkipped   sentences without any cue word, not judged (cost bound)
 * @param chunksGated     sentences with a cue word that the static pre-gate kept from the model (their
 *                        gate score was below its threshold: clearly unlike the intent), not judged
 * @param chunksNotReached sentences left when the time budget ran out
 * @param budgetExhausted whether the per-request budget stopped the scan
 * @param millis          model time spent on this text
 */
public record SemanticScan(String classifier, String model, List<Hit> hits, double maxProbability, int chunksJudged,
        int chunksSkipped, int chunksGated, int chunksNotReached, boolean budgetExhausted, double millis) {

    /**
     * One sentence the classifier judged to carry the intent.
     *
     * @param start              offset of the sentence in the text
     * @param end                end offset (exclusive)
     * @param sentence           the sentence
     * @param probability        the classifier's probability, 0..1
     * @param nearestExemplar    the closest positive training exemplar, the "why"
     * @param exemplarSimilarity cosine similarity to it
     */
    public record Hit(int start, int end, String sentence, double probability, String nearestExemplar,
            double exemplarSimilarity) {
    }
}
