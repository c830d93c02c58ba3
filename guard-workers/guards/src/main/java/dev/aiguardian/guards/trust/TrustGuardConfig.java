package dev.aiguardian.guards.trust;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * TrustGuard's configuration, immutable: thresholds per category, the detectors enabled by
 * default, allow-lists and the default redaction. Load it with {@link TrustGuardSettings}.
 *
 * @param injection      combined injection score thresholds (defaults flag 0.50, block 0.75)
 * @param secrets        secret finding thresholds (defaults flag 0.40, block 0.60)
 * @param pii            personal-data thresholds (defaults flag 0.50, block never)
 * @param urls           suspicious-URL thresholds (defaults flag 0.50, block never)
 * @param minScore       findings scoring below this are not reported (default 0.40)
 * @param detectors      detectors run when the caller does not choose (default all)
 * @param ownDomains     domains (and their subdomains) whose URLs and e-mail addresses are not reported
 * @param allowedCards   card numbers (digits only) never reported, e.g. payment test cards
 * @param safeStrings    exact strings never reported as secrets or PII
 * @param redaction      default redaction mode
 * @param hashSalt       salt for {@link Redaction#HASH}; set one per deployment
 * @param maxDecodeDepth how many layers of encoding (base64 in URL-encoding...) to unwrap
 */
public record TrustGuardConfig(Thresholds injection, Thresholds secrets, Thresholds pii, Thresholds urls,
        double minScore, Set<Detector> detectors, Set<String> ownDomains, Set<String> allowedCards,
        Set<String> safeStrings, Redaction redaction, String hashSalt, int maxDecodeDepth) {

    /** Publicly documented payment-provider test card numbers: never real personal data. */
    public static final Set<String> TEST_CARDS = Set.of("4111111111111111", "4242424242424242",
            "4000056655665556", "5555555555554444", "5200828282828210", "5105105105105100", "2223003122003222",
            "378282246310005", "371449635398431", "6011111111111117", "6011000990139424", "3056930009020004",
            "36227206271667", "3566002020360505", "6200000000000005", "4012888888881881", "4000000000000002");

    public TrustGuardConfig {
        detectors = detectors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(detectors));
        ownDomains = ownDomains.stream().map(d -> d.toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        allowedCards = allowedCards.stream().map(c -> c.replaceAll("[^0-9]", ""))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        safeStrings = Set.copyOf(safeStrings);
        hashSalt = hashSalt == null ? "" : hashSalt;
        if (minScore < 0 || minScore > 1) {
            throw new IllegalArgumentException("min_score must be between 0 and 1");
        }
        if (maxDecodeDepth < 0 || maxDecodeDepth > 4) {
            throw new IllegalArgumentException("max_decode_depth must be between 0 and 4");
        }
    }

    public static TrustGuardConfig defaults() {
        return new TrustGuardConfig(new Thresholds(0.5, 0.75), new Thresholds(0.4, 0.6),
                new Thresholds(0.5, Thresholds.NEVER), new Thresholds(0.5, Thresholds.NEVER), 0.4,
                EnumSet.allOf(Detector.class), Set.of(), TEST_CARDS, Set.of(), Redaction.PLACEHOLDER, "", 2);
    }

    public Thresholds thresholds(String category) {
        return switch (category) {
            case "injection" -> injection;
            case "secret" -> secrets;
            case "pii" -> pii;
            case "url" -> urls;
            default -> throw new IllegalArgumentException(category);
        };
    }

    /** True if {@code host} is one of the own domains or a subdomain of one. */
    public boolean isOwnDomain(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String d : ownDomains) {
            if (h.equals(d) || h.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
