package dev.aiguardian.guards.bias;

import java.util.List;
import java.util.Map;

import dev.aiguardian.guards.semantic.SemanticScan;

/** BiasGuard's {@code result} object; {@code semantic} is the hostility layer's scan (null when it did not run). */
public record BiasReport(List<BiasFinding> findings, Map<String, Double> categoryScores, String rewrittenText,
                         int findingCount, SemanticScan semantic) {
}
