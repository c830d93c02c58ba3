package dev.aiguardian.guards.bias;

/**
 * A finding plus the text that may safely replace its span in {@code rewritten_text} (null when no
 * substitution is safe, e.g. a stereotype, which needs a human rewrite).
 */
record Detection(BiasFinding finding, String replacement) {
}
