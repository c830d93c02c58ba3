package dev.aiguardian.guards.guard;

import java.util.Map;

import dev.aiguardian.guards.bias.BiasOptions;
import dev.aiguardian.guards.context.ContextOptions;
import dev.aiguardian.guards.health.HealthOptions;
import dev.aiguardian.guards.tokens.PriceTable;
import dev.aiguardian.guards.tokens.TokenOptions;
import dev.aiguardian.guards.trust.TrustGuardConfig;
import dev.aiguardian.guards.trust.TrustOptions;
import dev.aiguardian.schemas.ServiceType;

/**
 * Checks a request's payload options with each guard's own option parsing, without inspecting any
 * text: what lets the gateway refuse a bad option (422) before anything is published. Pure and
 * thread-safe; options a guard does not know are ignored, as the guard itself ignores them.
 */
public final class GuardOptions {
    // The workers price with the bundled table (GuardCatalog), so a model valid there is valid here.
    private static final PriceTable PRICES = PriceTable.bundled();
    // Defaults only fill absent options; which values are valid does not depend on the configuration.
    private static final TrustGuardConfig TRUST_DEFAULTS = TrustGuardConfig.defaults();

    private GuardOptions() {
    }

    /**
     * Parses {@code options} (the payload without {@code text}) as {@code guard} would.
     *
     * @throws InvalidOptionException naming the option and the fix, exactly as the guard would report it
     */
    public static void validate(ServiceType guard, Map<String, Object> options) {
        GuardInput input = GuardInput.of("", options);
        switch (guard) {
            case TOKENGUARD -> TokenOptions.parse(input, PRICES);
            case TRUSTGUARD -> TrustOptions.parse(input, TRUST_DEFAULTS);
            case BIASGUARD -> BiasOptions.parse(input);
            case HEALTHGUARD -> HealthOptions.parse(input);
            case CONTEXTGUARD -> ContextOptions.parse(input);
        }
    }
}
