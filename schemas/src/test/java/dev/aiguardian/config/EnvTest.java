package dev.aiguardian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void readsTypedValuesAndDefaults() {
        Env env = Env.of(Map.of("PORT", "8080", "DEBUG", "yes", "TIMEOUT", "2.5s", "HOSTS", "a, b,,c"));
        assertThat(env.integer("PORT", 1, 0, 65535)).isEqualTo(8080);
        assertThat(env.integer("MISSING", 7, 0, 10)).isEqualTo(7);
        assertThat(env.bool("DEBUG", false)).isTrue();
        assertThat(env.duration("TIMEOUT", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(env.list("HOSTS", List.of())).containsExactly("a", "b", "c");
        env.validate();
    }

    @Test
    void collectsOneLinePerBadValueNamingTheVariableAndTheFix() {
        Env env = Env.of(Map.of("PORT", "eighty", "DEBUG", "maybe", "TIMEOUT", "-5", "LIMIT", "99999"));
        env.integer("PORT", 8000, 0, 65535);
        env.bool("DEBUG", false);
        env.duration("TIMEOUT", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(1));
        env.integer("LIMIT", 1, 1, 100);
        assertThat(env.problems()).hasSize(4);
        assertThat(env.problems().get(0)).startsWith("PORT='eighty'").contains("whole number");
        assertThat(env.problems().get(1)).startsWith("DEBUG='maybe'").contains("true or false");
        assertThat(env.problems().get(3)).startsWith("LIMIT='99999'").contains("between 1 and 100");
        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4));
    }

    @Test
    void neverPrintsAPasswordFromAUrl() {
        Env env = Env.of(Map.of("DATABASE_URL", "mysql://app:s3cr3t@db:5432/x"));
        env.uri("DATABASE_URL", List.of("postgresql"));
        assertThat(env.problems()).singleElement().asString().doesNotContain("s3cr3t").contains("app:***@db");
    }

    @Test
    void redactsThePasswordOfAUrlWithOrWithoutAUser() {
        assertThat(Env.redact("postgresql://app:s3cret@db:5432/jobs")).isEqualTo("postgresql://app:***@db:5432/jobs");
        assertThat(Env.redact("redis://:s3cret@cache:6379/0")).isEqualTo("redis://:***@cache:6379/0");
        assertThat(Env.redact("redis://cache:6379/0")).isEqualTo("redis://cache:6379/0");
        assertThat(Env.redact("postgresql://app@db/jobs")).isEqualTo("postgresql://app@db/jobs");
    }

    @Test
    void valuesFromASecretStoreAreNamedByTheirOriginAndNeverPrinted() {
        Env env = Env.withSecrets(Map.of("PORT", "eighty-secret", "DEBUG", "maybe", "OTHER", "x"), java.util.Set.of("PORT"),
                "the vault");
        env.integer("PORT", 8000, 0, 65535);
        env.bool("DEBUG", false);
        env.problem("OTHER", "must differ from eighty-secret");
        assertThat(env.problems()).containsExactly(
                "PORT (from the vault, value not shown) is not a whole number; use a value between 0 and 65535",
                "DEBUG='maybe' is not a boolean; use true or false",
                "OTHER: must differ from ***");
    }
}
