package dev.aiguardian.guards.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration from a properties/JSON file and TRUSTGUARD_* variables. */
class TrustGuardSettingsTest {

    @Test
    void emptyEnvironmentGivesTheDefaults() {
        assertThat(TrustGuardSettings.fromEnv(Map.of())).isEqualTo(TrustGuardConfig.defaults());
    }

    @Test
    void variablesOverrideTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trust.properties");
        Files.writeString(file, "injection.block=0.9\nown_domains=acme.com, acme.io\npii.block=0.95\nredaction=mask\n");
        TrustGuardConfig c = TrustGuardSettings.fromEnv(Map.of("TRUSTGUARD_CONFIG", file.toString(),
                "TRUSTGUARD_INJECTION_BLOCK", "0.8", "TRUSTGUARD_DETECTORS", "injection,secrets"));
        assertThat(c.injection().block()).isEqualTo(0.8);
        assertThat(c.pii().block()).isEqualTo(0.95);
        assertThat(c.ownDomains()).containsExactlyInAnyOrder("acme.com", "acme.io");
        assertThat(c.redaction()).isEqualTo(Redaction.MASK);
        assertThat(c.detectors()).containsExactlyInAnyOrder(Detector.INJECTION, Detector.SECRETS);
    }

    @Test
    void jsonFileWithNestedKeysAndLists(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trust.json");
        Files.writeString(file, """
                {"injection": {"flag": 0.4, "block": 0.7},
                 "allowed_cards": ["4539 1488 0343 6467"],
                 "include_test_cards": false,
                 "safe_strings": ["build-token-public"],
                 "detectors": ["pii", "urls"]}
                """);
        TrustGuardConfig c = TrustGuardSettings.fromEnv(Map.of("TRUSTGUARD_CONFIG", file.toString()));
        assertThat(c.injection()).isEqualTo(new Thresholds(0.4, 0.7));
        assertThat(c.allowedCards()).containsExactly("4539148803436467");
        assertThat(c.safeStrings()).containsExactly("build-token-public");
        assertThat(c.detectors()).containsExactlyInAnyOrder(Detector.PII, Detector.URLS);
    }

    @Test
    void badValuesNameTheVariableAndTheFix() {
        assertThatThrownBy(() -> TrustGuardSettings.fromEnv(Map.of("TRUSTGUARD_INJECTION_FLAG", "high")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRUSTGUARD_INJECTION_FLAG").hasMessageContaining("between 0.0 and 1.01");
        assertThatThrownBy(() -> TrustGuardSettings.fromEnv(Map.of("TRUSTGUARD_INJECTION_FLAG", "0.9",
                "TRUSTGUARD_INJECTION_BLOCK", "0.6"))).hasMessageContaining("must not be below injection.flag");
        assertThatThrownBy(() -> TrustGuardSettings.fromEnv(Map.of("TRUSTGUARD_DETECTORS", "pii,dna")))
                .hasMessageContaining("TRUSTGUARD_DETECTORS").hasMessageContaining("injection, secrets, pii, urls");
        assertThatThrownBy(() -> TrustGuardSettings.fromEnv(Map.of("TRUSTGUARD_REDACTION", "blur")))
                .hasMessageContaining("placeholder, mask, hash");
        assertThatThrownBy(() -> TrustGuardSettings.fromEnv(Map.of("TRUSTGUARD_CONFIG", "/nonexistent/trust.json")))
                .hasMessageContaining("TRUSTGUARD_CONFIG").hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> TrustGuardSettings.fromMap(Map.of("injection.flg", "0.5"), ""))
                .hasMessageContaining("'injection.flg' is unknown");
    }
}
