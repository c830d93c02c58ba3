package dev.aiguardian.guards.context;

import java.util.List;

/**
 * ContextGuard's {@code result} object (serialised in snake_case).
 *
 * @param driftScore    0 on topic .. 1 unrelated
 * @param drift         whether the turn left the session's topic
 * @param similarity    cosine similarity to the session's topic centroid
 * @param threshold     the drift threshold applied
 * @param driftReason   "warmup", "no topical words", "similar", "dissimilar", "no turn"
 * @param contextWindow the turns to send next, newest first
 * @param windowTokens  chat-format tokens of the window
 * @param omittedTurns  remembered turns that did not fit the window's budget
 * @param turnCount     turns remembered after this request
 * @param sessionTokens content tokens remembered after this request
 * @param reset         the caller asked to clear the session
 * @param expired       the session had been idle past its TTL and was started afresh
 * @param semanticSimilarity cosine similarity of the turn's embedding to the session's semantic centroid,
 *                      null when the semantic layer did not judge the turn
 */
public record ContextReport(double driftScore, boolean drift, double similarity, double threshold, String driftReason,
        List<Turn> contextWindow, int windowTokens, int omittedTurns, int turnCount, int sessionTokens,
        boolean reset, boolean expired, Double semanticSimilarity) {
}
