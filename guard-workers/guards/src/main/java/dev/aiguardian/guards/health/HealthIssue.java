package dev.aiguardian.guards.health;

/**
 * One problem with a model's output.
 *
 * @param type     {@code empty}, {@code too_short}, {@code too_long}, {@code truncated}, {@code repetition},
 *                 {@code gibberish}, {@code refusal}, {@code prompt_echo}, {@code invalid_json},
 *                 {@code wrapped_json} (one valid document with prose around it) or {@code schema_mismatch}
 * @param detail   what exactly was seen, in words
 * @param score    how sure and how bad, 0..1
 * @param location the span concerned, or null when the issue is about the whole output
 */
public record HealthIssue(String type, String detail, double score, TextSpan location) {
}
