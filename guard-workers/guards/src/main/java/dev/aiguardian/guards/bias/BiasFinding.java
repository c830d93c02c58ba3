package dev.aiguardian.guards.bias;

/** One explained finding: what matched, where, why, how bad, and what to write instead. */
public record BiasFinding(BiasCategory category, String type, int start, int end, String evidence,
                          Severity severity, String suggestion, String explanation) {
}
