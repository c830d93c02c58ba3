package dev.aiguardian.guards.health;

import java.util.List;

/**
 * HealthGuard's {@code result} object.
 *
 * @param knownWordRatio share of the output's words found in the English word list (null when not measured)
 */
public record HealthReport(List<HealthIssue> issues, boolean healthy, int length, int wordCount,
                           Double knownWordRatio, String expectedFormat) {
}
