package dev.aiguardian.guards.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.guards.bias.BiasGuard;
import dev.aiguardian.guards.health.HealthGuard;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.guards.tokens.TokenGuard;
import dev.aiguardian.guards.trust.TrustGuard;
import dev.aiguardian.schemas.ServiceType;

class GuardOptionsTest {

    /** A bad option, the guard it is bad for, and the option the error must name. */
    private record Bad(ServiceType guard, Map<String, Object> options, String option) {
    }

    private static final List<Bad> BAD = List.of(
            new Bad(ServiceType.TRUSTGUARD, Map.of("detectors", "bogus"), "detectors"),
            new Bad(ServiceType.TRUSTGUARD, Map.of("detectors", List.of()), "detectors"),
            new Bad(ServiceType.TRUSTGUARD, Map.of("redaction", "shred"), "redaction"),
            new Bad(ServiceType.TOKENGUARD, Map.of("encoding", "p50k_base"), "encoding"),
            new Bad(ServiceType.TOKENGUARD, Map.of("model", "no-such-model"), "model"),
            new Bad(ServiceType.TOKENGUARD, Map.of("max_tokens", 0), "max_tokens"),
            new Bad(ServiceType.TOKENGUARD, Map.of("direction", "sideways"), "direction"),
            new Bad(ServiceType.TOKENGUARD, Map.of("messages", List.of(Map.of("content", "no role"))), "messages"),
            new Bad(ServiceType.BIASGUARD, Map.of("categories", List.of("astrology")), "categories"),
            new Bad(ServiceType.BIASGUARD, Map.of("min_severity", "extreme"), "min_severity"),
            new Bad(ServiceType.BIASGUARD, Map.of("rewrite", "yes"), "rewrite"),
            new Bad(ServiceType.HEALTHGUARD, Map.of("min_length", 10, "max_length", 5), "min_length"),
            new Bad(ServiceType.HEALTHGUARD, Map.of("expected_format", "xml"), "expected_format"),
            new Bad(ServiceType.HEALTHGUARD, Map.of("expected_format", "json", "json_schema", Map.of("type", 12)),
                    "json_schema"),
            new Bad(ServiceType.CONTEXTGUARD, Map.of("role", "narrator"), "role"),
            new Bad(ServiceType.CONTEXTGUARD, Map.of("max_context_tokens", -3), "max_context_tokens"));

    private static Guard guard(ServiceType type) {
        return switch (type) {
            case TOKENGUARD -> new TokenGuard(new TokenCounter());
            case TRUSTGUARD -> new TrustGuard();
            case BIASGUARD -> new BiasGuard();
            case HEALTHGUARD -> new HealthGuard();
            case CONTEXTGUARD -> throw new IllegalArgumentException("contextguard runs on Kafka Streams");
        };
    }

    @Test
    void everyBadOptionIsRefusedWithTheOptionNamed() {
        for (Bad bad : BAD) {
            InvalidOptionException e = catchThrowableOfType(InvalidOptionException.class,
                    () -> GuardOptions.validate(bad.guard(), bad.options()));
            assertThat(e).as(bad.toString()).isNotNull();
            assertThat(e.option()).as(bad.toString()).isEqualTo(bad.option());
            assertThat(e.getMessage()).startsWith("payload." + bad.option());
        }
    }

    @Test
    void theCheckAndTheGuardSayTheSameThing() {
        for (Bad bad : BAD) {
            if (bad.guard() == ServiceType.CONTEXTGUARD) {
                continue;
            }
            InvalidOptionException checked = catchThrowableOfType(InvalidOptionException.class,
                    () -> GuardOptions.validate(bad.guard(), bad.options()));
            InvalidOptionException inspected = catchThrowableOfType(InvalidOptionException.class,
                    () -> guard(bad.guard()).inspect(GuardInput.of("some text", bad.options())));
            assertThat(inspected).as(bad.toString()).isNotNull();
            assertThat(checked.getMessage()).isEqualTo(inspected.getMessage());
        }
    }

    @Test
    void goodAndForeignOptionsPass() {
        assertThatCode(() -> GuardOptions.validate(ServiceType.TRUSTGUARD,
                Map.of("detectors", List.of("injection", "pii"), "redaction", "mask"))).doesNotThrowAnyException();
        assertThatCode(() -> GuardOptions.validate(ServiceType.TOKENGUARD,
                Map.of("model", "gpt-4o", "max_tokens", 10, "messages",
                        List.of(Map.of("role", "user", "content", "hi"))))).doesNotThrowAnyException();
        assertThatCode(() -> GuardOptions.validate(ServiceType.HEALTHGUARD,
                Map.of("expected_format", "json", "json_schema", Map.of("type", "object"))))
                .doesNotThrowAnyException();
        // A pipeline shares one payload: an option of another guard is not an error for this one.
        assertThatCode(() -> GuardOptions.validate(ServiceType.TOKENGUARD, Map.of("detectors", "bogus")))
                .doesNotThrowAnyException();
        assertThatCode(() -> GuardOptions.validate(ServiceType.CONTEXTGUARD, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void aSingleBadDetectorNameIsNotMistakenForAList() {
        assertThatThrownBy(() -> GuardOptions.validate(ServiceType.TRUSTGUARD, Map.of("detectors", "bogus")))
                .hasMessageContaining("unknown detector 'bogus'").hasMessageContaining("injection");
    }
}
