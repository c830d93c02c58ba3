package dev.aiguardian.guards.trust;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.InvalidOptionException;

/**
 * TrustGuard's payload options, parsed once for {@link TrustGuard#inspect} and for checking a request
 * before it is published: {@code detectors} (any of injection, secrets, pii, urls; a single name is
 * a list of one) and {@code redaction} (placeholder, mask, hash).
 *
 * @param detectors the detectors to run
 * @param redaction how {@code redacted_text} hides secrets and personal data
 * @param semantic  whether the semantic layer may judge injection intent ({@code semantic}; default true,
 *                  effective only where the layer is loaded)
 */
public record TrustOptions(Set<Detector> detectors, Redaction redaction, boolean semantic) {

    /**
     * Reads the options of {@code input}; absent ones take {@code config}'s defaults.
     *
     * @throws InvalidOptionException naming the option and the fix
     */
    public static TrustOptions parse(GuardInput input, TrustGuardConfig config) {
        Redaction mode = input.stringOption("redaction")
                .map(r -> Redaction.find(r).orElseThrow(() -> new InvalidOptionException("redaction",
                        "'" + r + "' is not a redaction mode; use one of " + Redaction.wireNames())))
                .orElse(config.redaction());
        return new TrustOptions(detectors(input, config), mode, input.boolOption("semantic").orElse(true));
    }

    private static Set<Detector> detectors(GuardInput input, TrustGuardConfig config) {
        List<String> names = input.stringListOption("detectors").orElse(null);
        if (names == null) {
            return config.detectors();
        }
        if (names.isEmpty()) {
            throw new InvalidOptionException("detectors", "is empty; name at least one of " + Detector.wireNames()
                    + ", or leave it out to run the configured ones");
        }
        Set<Detector> out = EnumSet.noneOf(Detector.class);
        for (String n : names) {
            out.add(Detector.find(n).orElseThrow(() -> new InvalidOptionException("detectors",
                    "contains unknown detector '" + n + "'; use any of " + Detector.wireNames())));
        }
        return out;
    }
}
