package dev.aiguardian.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.aiguardian.config.Env;
import dev.aiguardian.secrets.SecretRotation.Outcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Rotation through the real SDK client against {@link FakeSecretsManager}, with a hand-moved clock for the grace. */
class SecretRotationTest {
    private static final String NAME = "codeguardians-gateway/test";
    private static final List<String> ROTATABLE = List.of("UNIFIED_API_KEY", "WEBHOOK_SECRET", "API_KEYS");
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final String OLD = "old-api-key-0123456789";
    private static final String NEW = "new-api-key-9876543210";
    /** The gateway's rule for the key, as a check would apply it. */
    private static final Consumer<Env> KEY_CHECK = env -> env.raw("UNIFIED_API_KEY")
            .filter(k -> k.length() < 16)
            .ifPresent(k -> env.problem("UNIFIED_API_KEY", "is too short to be a secret; use at least 16 characters"));

    private FakeSecretsManager fake;
    private final TestSources.ManualClock clock = new TestSources.ManualClock();
    private SecretRotation rotation;

    @BeforeEach
    void start() throws IOException {
        fake = FakeSecretsManager.start("eu-west-1");
    }

    @AfterEach
    void stop() {
        if (rotation != null) {
            rotation.close();
        }
        fake.close();
    }

    private Map<String, String> process(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_SECRETS_ENABLED", "true", "AWS_SECRETS_NAME", NAME,
                "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", fake.endpoint().toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** As {@link StartupEnvironment#rotation} builds it, with the test's clock and no SIGHUP. */
    private SecretRotation rotation(Map<String, String> process, Duration interval) {
        StartupEnvironment startup = StartupEnvironment.load(process, TestSources.sdk());
        rotation = new SecretRotation(ROTATABLE, process, envVars(startup),
                TestSources.sdk().apply(startup.settings()),
                values -> Env.withSecrets(StartupEnvironment.merge(process, values).vars(),
                        StartupEnvironment.merge(process, values).taken(), "test secret"),
                KEY_CHECK, GRACE, clock);
        rotation.start(interval, false);
        return rotation;
    }

    private static Map<String, String> envVars(StartupEnvironment startup) {
        Map<String, String> vars = new HashMap<>();
        for (String n : List.of("UNIFIED_API_KEY", "WEBHOOK_SECRET", "API_KEYS", "DATABASE_URL")) {
            startup.env().raw(n).ifPresent(v -> vars.put(n, v));
        }
        return vars;
    }

    @Test
    void aTriggeredRefreshRotatesAndKeepsTheOldValueForTheGracePeriodOnly() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", OLD, "WEBHOOK_SECRET", "whsec_b2xkb2xkb2xkb2xkb2xkb2xk"));
        SecretRotation r = rotation(process(), Duration.ZERO);
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly(OLD);
        assertThat(r.refreshNow()).isEqualTo(Outcome.UNCHANGED);

        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", NEW, "WEBHOOK_SECRET", "whsec_b2xkb2xkb2xkb2xkb2xkb2xk"));
        assertThat(r.refreshNow()).isEqualTo(Outcome.CHANGED);
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly(NEW, OLD);
        assertThat(r.current("UNIFIED_API_KEY")).contains(NEW);
        assertThat(r.accepted("WEBHOOK_SECRET")).containsExactly("whsec_b2xkb2xkb2xkb2xkb2xkb2xk");

        clock.advance(GRACE.minusMillis(1));
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly(NEW, OLD);
        clock.advance(Duration.ofMillis(1));
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly(NEW);
    }

    @Test
    void twoRotationsInsideTheGraceKeepBothEarlierValuesEachForItsOwnPeriod() {
        fake.putJson(NAME, Map.of("API_KEYS", "a-0000000000000000"));
        SecretRotation r = rotation(process(), Duration.ZERO);
        fake.putJson(NAME, Map.of("API_KEYS", "b-0000000000000000"));
        r.refreshNow();
        clock.advance(GRACE.dividedBy(2));
        fake.putJson(NAME, Map.of("API_KEYS", "c-0000000000000000"));
        r.refreshNow();
        assertThat(r.accepted("API_KEYS")).containsExactly("c-0000000000000000", "b-0000000000000000",
                "a-0000000000000000");
        clock.advance(GRACE.dividedBy(2));
        assertThat(r.accepted("API_KEYS")).containsExactly("c-0000000000000000", "b-0000000000000000");
        // Rotating back to a value still in its grace makes it current again, once.
        fake.putJson(NAME, Map.of("API_KEYS", "b-0000000000000000"));
        r.refreshNow();
        assertThat(r.accepted("API_KEYS")).containsExactly("b-0000000000000000", "c-0000000000000000");
    }

    @Test
    void theIntervalRefreshesWithoutBeingAsked() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", OLD));
        SecretRotation r = rotation(process(), Duration.ofMillis(50));
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", NEW));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!r.accepted("UNIFIED_API_KEY").contains(NEW) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly(NEW, OLD);
    }

    @Test
    void aFailedRefreshKeepsTheValuesInForceAndIsCounted() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", OLD));
        SecretRotation r = rotation(process(), Duration.ZERO);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        r.bindTo(registry);

        fake.deny("arn:aws:sts::123456789012:assumed-role/task/x");
        assertThat(r.refreshNow()).isEqualTo(Outcome.FAILED);
        fake.deny(null).remove(NAME);
        assertThat(r.refreshNow()).isEqualTo(Outcome.FAILED);
        fake.put(NAME, "not json " + NEW);
        assertThat(r.refreshNow()).isEqualTo(Outcome.FAILED);
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly(OLD);

        // A value the configuration refuses is not taken either.
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", "short"));
        assertThat(r.refreshNow()).isEqualTo(Outcome.REJECTED);
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly(OLD);

        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", NEW));
        assertThat(r.refreshNow()).isEqualTo(Outcome.CHANGED);

        assertThat(count(registry, "failed")).isEqualTo(3);
        assertThat(count(registry, "rejected")).isEqualTo(1);
        assertThat(count(registry, "changed")).isEqualTo(1);
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().toString()).doesNotContain(OLD).doesNotContain(NEW);
        }
    }

    @Test
    void aKeyRemovedFromTheSecretStaysInForceSoAuthenticationNeverSwitchesOffByAccident() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", OLD, "REDIS_URL", "redis://a"));
        SecretRotation r = rotation(process(), Duration.ZERO);
        fake.putJson(NAME, Map.of("REDIS_URL", "redis://b"));
        assertThat(r.refreshNow()).isEqualTo(Outcome.UNCHANGED);
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly(OLD);
    }

    @Test
    void aKeySetInTheProcessEnvironmentNeverRotates() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", OLD));
        SecretRotation r = rotation(process("UNIFIED_API_KEY", "operator-pinned-key-000"), Duration.ZERO);
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", NEW));
        r.refreshNow();
        assertThat(r.accepted("UNIFIED_API_KEY")).containsExactly("operator-pinned-key-000");
    }

    @Test
    void withoutTheSecretTheValuesComeFromTheEnvironmentAndNeverChange() {
        StartupEnvironment startup = StartupEnvironment.load(Map.of("UNIFIED_API_KEY", OLD), TestSources.sdk());
        try (SecretRotation fixed = startup.rotation(KEY_CHECK, ROTATABLE)) {
            assertThat(fixed.accepted("UNIFIED_API_KEY")).containsExactly(OLD);
            assertThat(fixed.accepted("WEBHOOK_SECRET")).isEmpty();
            assertThat(fixed.refreshNow()).isEqualTo(Outcome.UNCHANGED);
        }
        assertThat(fake.requests()).isEmpty();
    }

    private static double count(SimpleMeterRegistry registry, String outcome) {
        return registry.get("aiguardian.secrets.refresh").tag("outcome", outcome).functionCounter().count();
    }
}
