package dev.aiguardian.guards.trust;

import dev.aiguardian.guards.semantic.SemanticScan;

import java.util.List;

/**
 * TrustGuard's {@code result} object (serialised in snake_case): the findings, the text with
 * secrets and personal data redacted, the combined injection score, which detectors ran, the
 * redaction mode and the obfuscations that were undone before detection; {@code semantic} is what the
 * semantic layer judged (null when it did not run: off, not loaded, or the rules had already blocked).
 */
public record TrustReport(List<Finding> findings, String redactedText, double injectionScore,
        List<String> detectors, String redaction, List<String> obfuscations, SemanticScan semantic) {
}
