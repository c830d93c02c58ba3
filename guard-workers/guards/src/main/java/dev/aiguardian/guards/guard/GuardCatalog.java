package dev.aiguardian.guards.guard;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.guards.bias.BiasGuard;
import dev.aiguardian.guards.health.HealthGuard;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.budget.UsageLookup;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.tokens.PriceTable;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.guards.tokens.TokenGuard;
import dev.aiguardian.guards.trust.TrustGuard;
import dev.aiguardian.guards.trust.TrustGuardSettings;

/** The guards this build can host, each created on demand. */
public final class GuardCatalog {
    private final Map<ServiceType, Supplier<Guard>> factories = new EnumMap<>(ServiceType.class);

    private GuardCatalog() {
    }

    public static GuardCatalog standard() {
        GuardCatalog c = new GuardCatalog();
        c.factories.put(ServiceType.TOKENGUARD, () -> new TokenGuard(TokenCounter.shared()));
        c.factories.put(ServiceType.TRUSTGUARD, () -> new TrustGuard(TrustGuardSettings.fromEnv(System.getenv())));
        c.factories.put(ServiceType.BIASGUARD, BiasGuard::new);
        c.factories.put(ServiceType.HEALTHGUARD, HealthGuard::new);
        return c;
    }

    /** The standard guards, tokenguard judging {@code budgets} against the totals {@code usage} holds. */
    public static GuardCatalog standard(BudgetSettings budgets, UsageLookup usage) {
        GuardCatalog c = standard();
        c.factories.put(ServiceType.TOKENGUARD, () -> new TokenGuard(TokenCounter.shared(), PriceTable.bundled(), budgets,
                usage, Clock.systemUTC()));
        return c;
    }

    /** The same catalogue with trustguard and biasguard using the semantic layer (null: rules only). */
    public GuardCatalog withSemantic(SemanticLayer semantic) {
        if (semantic != null) {
            Supplier<Guard> trust = () -> new TrustGuard(TrustGuardSettings.fromEnv(System.getenv()), semantic);
            factories.put(ServiceType.TRUSTGUARD, trust);
            factories.put(ServiceType.BIASGUARD, () -> new BiasGuard(semantic));
        }
        return this;
    }

    public java.util.Set<ServiceType> available() {
        return java.util.Collections.unmodifiableSet(factories.keySet());
    }

    public Guard create(ServiceType type) {
        Supplier<Guard> f = factories.get(type);
        if (f == null) {
            throw new IllegalArgumentException("no guard implementation for " + type + " in this build");
        }
        return f.get();
    }
}
