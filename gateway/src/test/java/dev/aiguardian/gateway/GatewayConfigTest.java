package dev.aiguardian.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.config.Env;

class GatewayConfigTest {

    @Test
    void developmentDefaultsNeedNothing() {
        Env env = Env.of(Map.of());
        GatewayConfig c = GatewayConfig.fromEnv(env);
        assertThat(env.problems()).isEmpty();
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.secretKey()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(c.requestTimeout().toSeconds()).isEqualTo(30);
    }

    @Test
    void productionRequiresASecretKey() {
        Env env = Env.of(Map.of("ENVIRONMENT", "production"));
        GatewayConfig.fromEnv(env);
        assertThat(env.problems()).singleElement().asString().startsWith("SECRET_KEY").contains("openssl rand");
    }

    @Test
    void badValuesAreReportedTogetherAndSecretsNeverShown() {
        Env env = Env.of(Map.of("SECRET_KEY", "short-secret", "PORT", "99999", "LOG_LEVEL", "LOUD",
                "UNIFIED_API_KEY", "tiny"));
        GatewayConfig.fromEnv(env);
        assertThat(env.problems()).hasSize(4);
        assertThat(String.join("\n", env.problems())).doesNotContain("short-secret").doesNotContain("tiny");
    }

    @Test
    void toStringHidesSecrets() {
        GatewayConfig c = GatewayConfig.fromEnv(Env.of(Map.of("SECRET_KEY", "k".repeat(40),
                "UNIFIED_API_KEY", "api-key-0123456789")));
        assertThat(c.toString()).doesNotContain("kkkk").doesNotContain("api-key-0123456789");
    }
}
