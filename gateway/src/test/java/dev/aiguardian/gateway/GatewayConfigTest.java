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

    @Test
    void failClosedIsTheDefaultAndTheNewSettingsAreValidated() {
        GatewayConfig defaults = GatewayConfig.fromEnv(Env.of(Map.of()));
        assertThat(defaults.failOpen()).isFalse();
        assertThat(defaults.consumerStall().toSeconds()).isEqualTo(30);
        assertThat(defaults.jobs().writeAttempts()).isEqualTo(3);
        GatewayConfig set = GatewayConfig.fromEnv(Env.of(Map.of("FAIL_OPEN", "true", "CONSUMER_STALL_MS", "5s",
                "JOB_WRITE_MAX_ATTEMPTS", "5")));
        assertThat(set.failOpen()).isTrue();
        assertThat(set.consumerStall().toSeconds()).isEqualTo(5);
        assertThat(set.jobs().writeAttempts()).isEqualTo(5);
        Env bad = Env.of(Map.of("FAIL_OPEN", "maybe", "CONSUMER_STALL_MS", "10", "JOB_WRITE_MAX_ATTEMPTS", "0"));
        GatewayConfig.fromEnv(bad);
        assertThat(String.join("\n", bad.problems())).contains("FAIL_OPEN", "CONSUMER_STALL_MS",
                "JOB_WRITE_MAX_ATTEMPTS");
    }

    @Test
    void batchLimitAndConsoleTextsAreSettingsWithDefaults() {
        ApiConfig defaults = GatewayConfig.fromEnv(Env.of(Map.of())).api();
        assertThat(defaults.batchMaxItems()).isEqualTo(100);
        assertThat(defaults.consoleShowText()).isFalse();
        ApiConfig set = GatewayConfig.fromEnv(Env.of(Map.of("BATCH_MAX_ITEMS", "250", "CONSOLE_SHOW_TEXT", "true"))).api();
        assertThat(set.batchMaxItems()).isEqualTo(250);
        assertThat(set.consoleShowText()).isTrue();
        Env bad = Env.of(Map.of("BATCH_MAX_ITEMS", "0", "CONSOLE_SHOW_TEXT", "sometimes"));
        GatewayConfig.fromEnv(bad);
        assertThat(bad.problems()).hasSize(2);
        assertThat(String.join("\n", bad.problems())).contains("BATCH_MAX_ITEMS", "CONSOLE_SHOW_TEXT");
    }
}
