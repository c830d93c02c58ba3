package dev.aiguardian.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.aiguardian.config.ConfigException;
import dev.aiguardian.config.Env;
import dev.aiguardian.config.StartupException;

/** Start-up through the real SDK client against {@link FakeSecretsManager}: values, precedence, every failure line. */
class StartupEnvironmentTest {
    private static final String NAME = "codeguardians-gateway/production";
    private static final String API_KEY = "k3y-From-The-Secret-0001";
    private static final String DB = "postgresql://app:Db-Passw0rd-Secret@db.internal:5432/jobs";

    private FakeSecretsManager fake;

    @BeforeEach
    void start() throws IOException {
        fake = FakeSecretsManager.start("us-east-1");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Map<String, String> process(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_SECRETS_ENABLED", "true", "AWS_SECRETS_NAME", NAME,
                "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.endpoint().toString()));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                env.remove(more[i]);
            } else {
                env.put(more[i], more[i + 1]);
            }
        }
        return env;
    }

    private StartupEnvironment load(Map<String, String> process) {
        return StartupEnvironment.load(process, TestSources.sdk());
    }

    @Test
    void theSecretsValuesJoinTheEnvironmentThroughTheRealSdkClient() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", API_KEY, "DATABASE_URL", DB, "ALLOWED_HOSTS", "api.example.com"));
        Env env = load(process("KAFKA_BOOTSTRAP_SERVERS", "k:9092")).env();

        assertThat(env.raw("UNIFIED_API_KEY")).contains(API_KEY);
        assertThat(env.raw("DATABASE_URL")).contains(DB);
        assertThat(env.list("ALLOWED_HOSTS", List.of())).containsExactly("api.example.com");
        assertThat(env.raw("KAFKA_BOOTSTRAP_SERVERS")).contains("k:9092");
        FakeSecretsManager.Request r = fake.requests().get(0);
        assertThat(r.target()).isEqualTo("secretsmanager.GetSecretValue");
        assertThat(r.contentType()).startsWith("application/x-amz-json-1.1");
        assertThat(r.secretId()).isEqualTo(NAME);
        assertThat(r.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=" + TestSources.ACCESS_KEY + "/")
                .contains("/us-east-1/secretsmanager/aws4_request");
    }

    @Test
    void theProcessEnvironmentWinsKeyByKey() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", API_KEY, "DATABASE_URL", DB, "AWS_SECRETS_NAME", "other"));
        StartupEnvironment loaded = load(process("UNIFIED_API_KEY", "operator-override-key", "DATABASE_URL", " "));

        assertThat(loaded.env().raw("UNIFIED_API_KEY")).contains("operator-override-key");
        // A blank variable counts as unset, as everywhere in the configuration.
        assertThat(loaded.env().raw("DATABASE_URL")).contains(DB);
        StartupEnvironment.Merged m = StartupEnvironment.merge(process("UNIFIED_API_KEY", "x"),
                Map.of("UNIFIED_API_KEY", "y", "REDIS_URL", "redis://r", "AWS_SECRETS_NAME", "z"));
        assertThat(m.taken()).containsExactly("REDIS_URL");
        assertThat(m.overridden()).containsExactly("UNIFIED_API_KEY");
        assertThat(m.ignored()).containsExactly("AWS_SECRETS_NAME");
        assertThat(m.vars()).containsEntry("AWS_SECRETS_NAME", NAME);
    }

    @Test
    void disabledReadsNothing() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", API_KEY));
        Env env = load(process("AWS_SECRETS_ENABLED", null)).env();
        assertThat(env.raw("UNIFIED_API_KEY")).isEmpty();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void theNameDefaultsToTheGuidesSecretForTheEnvironment() {
        fake.putJson("codeguardians-gateway/staging", Map.of("UNIFIED_API_KEY", API_KEY));
        Env env = load(process("AWS_SECRETS_NAME", null, "ENVIRONMENT", "Staging")).env();
        assertThat(env.raw("UNIFIED_API_KEY")).contains(API_KEY);
        assertThat(fake.requests().get(0).secretId()).isEqualTo("codeguardians-gateway/staging");
    }

    @Test
    void aMissingSecretNamesItAndTheRegion() {
        String line = failure(process());
        assertThat(line).contains("AWS_SECRETS_NAME='" + NAME + "'", "region us-east-1", "no such secret",
                fake.endpoint().toString());
    }

    @Test
    void accessDeniedNamesTheActionAndTheResourceArnWithTheAccountFromTheError() {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", API_KEY));
        fake.deny("arn:aws:sts::210987654321:assumed-role/ecsTaskRole/abc");
        String line = failure(process());
        assertThat(line).contains("access denied", "for arn:aws:sts::210987654321:assumed-role/ecsTaskRole/abc",
                "grant secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:210987654321:secret:" + NAME
                        + "*");
    }

    @Test
    void anUnreadableSecretSaysWhyWithoutQuotingIt() {
        fake.put(NAME, "UNIFIED_API_KEY=" + API_KEY);
        assertThat(failure(process())).contains("is not JSON (line 1, column").contains("flat JSON object of strings");

        fake.put(NAME, "{\"UNIFIED_API_KEY\":\"" + API_KEY + "\",\"nested\":{\"a\":\"" + API_KEY + "\"}}");
        assertThat(failure(process())).contains("key nested holds a JSON object; every value must be a string");

        fake.put(NAME, "{\"PORT\":8000}");
        assertThat(failure(process())).contains("key PORT holds a JSON number");

        fake.put(NAME, "[\"" + API_KEY + "\"]");
        assertThat(failure(process())).contains("the secret is a JSON array, not an object");

        fake.putBinary(NAME);
        assertThat(failure(process())).contains("holds binary data");
    }

    @Test
    void noRegionIsOneLine() {
        assertThat(failure(process("AWS_REGION", null))).contains("AWS_SECRETS_ENABLED=true but no AWS region",
                "set AWS_REGION");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anEndpointThatDoesNotAnswerIsNamed() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String line = failure(process("AWS_ENDPOINT_URL_SECRETS_MANAGER", null,
                "AWS_ENDPOINT_URL", "http://127.0.0.1:" + closed));
        assertThat(line).contains("nothing answers at http://127.0.0.1:" + closed, "connection refused",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL");
    }

    @Test
    void badLoaderSettingsAreConfigurationErrors() {
        assertThatThrownBy(() -> load(process("AWS_ENDPOINT_URL_SECRETS_MANAGER", "not a url",
                "AWS_SECRETS_REFRESH_MS", "soon", "AWS_SECRETS_ENABLED", "maybe")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("AWS_ENDPOINT_URL_SECRETS_MANAGER="))
                        .anySatisfy(p -> assertThat(p).startsWith("AWS_SECRETS_REFRESH_MS="))
                        .anySatisfy(p -> assertThat(p).startsWith("AWS_SECRETS_ENABLED=")));
    }

    @Test
    void aValueFromTheSecretThatFailsValidationIsReportedWithoutIt() {
        String badUrl = "ftp://app:Pw-In-A-Bad-Url@db/jobs";
        fake.putJson(NAME, Map.of("DATABASE_URL", badUrl, "CALLBACK_MAX_ATTEMPTS", "many-many-times",
                "UNIFIED_API_KEY", API_KEY));
        Env env = load(process()).env();
        env.uri("DATABASE_URL", List.of("postgresql"));
        env.integer("CALLBACK_MAX_ATTEMPTS", 6, 1, 50);
        // A check that quotes one secret's value under another name is scrubbed too.
        env.problem("SOMETHING_ELSE", "must not equal " + API_KEY);
        assertThatThrownBy(env::validate).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).containsExactly(
                    "DATABASE_URL (from AWS Secrets Manager secret '" + NAME + "', value not shown) must be a URL with"
                            + " scheme postgresql",
                    "CALLBACK_MAX_ATTEMPTS (from AWS Secrets Manager secret '" + NAME + "', value not shown) is not a"
                            + " whole number; use a value between 1 and 50",
                    "SOMETHING_ELSE: must not equal ***");
        });
    }

    /** The one line a failed start-up prints: no line break, no secret value. */
    private String failure(Map<String, String> process) {
        try {
            load(process);
        } catch (StartupException e) {
            String line = e.getMessage();
            System.out.println("[start-up failure] " + line);
            assertThat(line).doesNotContain("\n").doesNotContain(API_KEY).doesNotContain("Db-Passw0rd-Secret");
            return line;
        }
        throw new AssertionError("start-up did not fail");
    }
}
