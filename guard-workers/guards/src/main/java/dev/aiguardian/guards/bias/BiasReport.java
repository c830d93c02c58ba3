package dev.aiguardian.guards.bias;

import java.util.List;
import java.util.Map;

/** BiasGuard's {@code result} object. */
public record BiasReport(List<BiasFinding> findings, Map<String, Double> categoryScores, String rewrittenText,
                         int findingCount) {
}
