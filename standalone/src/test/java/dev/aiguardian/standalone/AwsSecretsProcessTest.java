package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.aiguardian.secrets.FakeSecretsManager;

/**
 * Processes started as an operator starts them with {@code AWS_SECRETS_ENABLED=true} and nothing else but where the
 * secret is (endpoint override, region, credentials, name): the settings come from {@link FakeSecretsManager}
 * through the real SDK client; a rotated API key is taken on SIGHUP without a restart; every way the secret can
 * fail ends start-up with exit status 2 and one line, and no secret value is ever printed.
 */
@ExtendWith(KafkaExtension.class)
class AwsSecretsProcessTest {
    private static final String NAME = "codeguardians-gateway/test";
    private static final String REGION = "us-east-1";
    private static final String KEY = "first-key-from-the-secret-0001";
    private static final String ROTATED = "second-key-from-the-secret-002";
    private static final String DB_PASSWORD = "Pg-Secret-Pass-4242";
    private static final Pattern READY = Pattern.compile("ready in [0-9.]+ s: http://localhost:(\\d+)");

    @TempDir
    Path dir;

    private FakeSecretsManager fake;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void startFake() throws IOException {
        fake = FakeSecretsManager.start(REGION);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        fake.close();
    }

    @Test
    void aGatewayTakesItsKeyAndDatabaseFromTheSecretAndARotatedKeyOnSighup(String bootstrap) throws Exception {
        try (TestSchema schema = TestSchema.create()) {
            String db = schema.url().replaceFirst("^postgresql://postgres@", "postgresql://postgres:" + DB_PASSWORD + "@");
            fake.putJson(NAME, Map.of("UNIFIED_API_KEY", KEY, "DATABASE_ENABLED", "true", "DATABASE_URL", db,
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "PORT", "0"));
            // The grace is long enough for the check right after the rotation, short enough to see it end.
            Process p = start("gateway", Map.of("AWS_SECRETS_REFRESH_MS", "0", "AWS_SECRETS_GRACE_MS", "15000"));
            Http http = new Http(awaitPort(p, "gateway"));

            String unknownJob = "/api/v1/guards/jobs/00000000-0000-0000-0000-000000000000";
            assertThat(get(http, unknownJob, null)).isEqualTo(401);
            assertThat(get(http, unknownJob, KEY)).isEqualTo(404);
            Http.Reply accepted = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "hello"),
                    "Authorization", "Bearer " + KEY, "Prefer", "respond-async");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String id = accepted.json().get("request_id").asText();
            // Stored by the job store that DATABASE_URL, from the secret, names.
            assertThat(schema.queryLong("SELECT count(*) FROM " + schema.name() + ".guard_jobs WHERE request_id = '"
                    + id + "'")).isEqualTo(1);

            fake.putJson(NAME, Map.of("UNIFIED_API_KEY", ROTATED, "DATABASE_ENABLED", "true", "DATABASE_URL", db,
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "PORT", "0"));
            long t0 = System.nanoTime();
            signal(p, "HUP");
            Await.until(Duration.ofSeconds(30), () -> get(http, unknownJob, ROTATED) == 404, "the rotated key accepted");
            double taken = (System.nanoTime() - t0) / 1e9;
            assertThat(get(http, unknownJob, KEY)).as("the replaced key inside its grace period").isEqualTo(404);
            assertThat(p.isAlive()).as("SIGHUP reloads, it does not stop the process").isTrue();
            Await.until(Duration.ofSeconds(60), () -> get(http, unknownJob, KEY) == 401, "the replaced key refused");
            double refused = (System.nanoTime() - t0) / 1e9;
            assertThat(get(http, unknownJob, ROTATED)).isEqualTo(404);
            System.out.printf("rotation on SIGHUP: new key accepted after %.2f s, old key refused after %.1f s"
                    + " (grace 15 s)%n", taken, refused);

            String metrics = http.get("/metrics").body();
            assertThat(metrics).contains("aiguardian_secrets_refresh_total{outcome=\"changed\"} 1.0");
            assertThat(metrics).doesNotContain(KEY).doesNotContain(ROTATED).doesNotContain(DB_PASSWORD);
            String log = read(dir.resolve("gateway.err")) + read(dir.resolve("gateway.out"));
            assertThat(log).contains("Settings from AWS Secrets Manager secret '" + NAME + "'")
                    .contains("DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS, PORT, UNIFIED_API_KEY")
                    .contains("Rotated from AWS Secrets Manager").contains("UNIFIED_API_KEY");
            assertThat(log).doesNotContain(KEY).doesNotContain(ROTATED).doesNotContain(DB_PASSWORD);
        }
    }

    @Test
    void everyRoleReadsTheSecretAndAMissingOneStopsItWithOneLine() throws Exception {
        for (String role : List.of("gateway", "workers", "topology", "broker", "all")) {
            Run r = run(role, Map.of("AWS_SECRETS_NAME", "codeguardians-gateway/nowhere"));
            assertOneLine(r, "AWS_SECRETS_NAME='codeguardians-gateway/nowhere' (region us-east-1): no such secret");
        }
    }

    @Test
    void accessDeniedNamesTheIamActionAndResource() throws Exception {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", KEY));
        fake.deny("arn:aws:sts::123456789012:assumed-role/aiguardian-task/0a1b2c");
        assertOneLine(run("gateway", Map.of()), "access denied for arn:aws:sts::123456789012:assumed-role/aiguardian-task",
                "grant secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:" + NAME + "*");
    }

    @Test
    void aSecretThatIsNotJsonIsRefusedWithoutQuotingIt() throws Exception {
        fake.put(NAME, "UNIFIED_API_KEY=" + KEY);
        assertOneLine(run("gateway", Map.of()), "the secret is not JSON", "flat JSON object of strings");
    }

    @Test
    void aValueThatFailsValidationIsNamedNotShown() throws Exception {
        fake.putJson(NAME, Map.of("UNIFIED_API_KEY", "short-key-123"));
        Run r = run("gateway", Map.of());
        assertOneLine(r, "UNIFIED_API_KEY (from AWS Secrets Manager secret '" + NAME + "')", "is too short");
        assertThat(String.join("\n", r.stderr()) + r.stdout()).doesNotContain("short-key-123");
    }

    @Test
    void noRegionAndNoEndpointAreOneLineEach() throws Exception {
        Map<String, String> noRegion = new HashMap<>(Map.of("AWS_REGION", ""));
        noRegion.put("AWS_EC2_METADATA_DISABLED", "true"); // no instance metadata to ask off EC2
        assertOneLine(run("gateway", noRegion), "no AWS region is known", "set AWS_REGION");
        int closed = LocalServers.freePort();
        assertOneLine(run("gateway", Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + closed)),
                "nothing answers at http://127.0.0.1:" + closed, "AWS_ENDPOINT_URL_SECRETS_MANAGER");
    }

    // ---- processes ----

    /** What a finished process printed. */
    record Run(int exit, List<String> stderr, String stdout) {
        List<String> ourLines() {
            return stderr.stream().filter(l -> l.startsWith("aiguardian")).toList();
        }
    }

    private void assertOneLine(Run r, String... parts) {
        assertThat(r.exit()).as("exit status; stderr:%n%s", String.join("\n", r.stderr())).isEqualTo(2);
        assertThat(r.ourLines()).as("our lines on stderr").hasSize(1);
        assertThat(r.ourLines().get(0)).contains(parts);
        String all = String.join("\n", r.stderr()) + r.stdout();
        assertThat(all).doesNotContain(KEY).doesNotContain("\tat ").doesNotContain("Exception:");
        System.out.println("[start-up failure] " + r.ourLines().get(0));
    }

    private Run run(String role, Map<String, String> env) throws Exception {
        Process p = start(role, env);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(role + " did not stop by itself within 90 s");
        }
        return new Run(p.exitValue(), read(dir.resolve(role + ".err")).lines().toList(), read(dir.resolve(role + ".out")));
    }

    /** Starts a role with only where the secret is (and {@code extra}) in its environment. */
    private Process start(String role, Map<String, String> extra) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), StandaloneMain.class.getName(), role);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve(role + ".out").toFile())
                .redirectError(dir.resolve(role + ".err").toFile());
        Map<String, String> e = pb.environment();
        // Nothing from the developer's shell: the settings must come from the secret.
        e.keySet().removeIf(k -> !List.of("PATH", "HOME", "LANG", "TMPDIR").contains(k));
        e.putAll(Map.of("AWS_SECRETS_ENABLED", "true", "AWS_SECRETS_NAME", NAME, "AWS_REGION", REGION,
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "AKIDFAKEFORTESTS", "AWS_SECRET_ACCESS_KEY", "fake/secret/access/key"));
        // The roles that would start a broker or Streams before failing keep their files in the test's folder.
        e.put("DATA_DIR", dir.resolve("data-" + role).toString());
        e.put("STREAMS_STATE_DIR", dir.resolve("state-" + role).toString());
        e.putAll(extra);
        e.values().removeIf(String::isEmpty);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private int awaitPort(Process p, String role) {
        int[] port = {0};
        Await.until(Duration.ofSeconds(90), () -> {
            Matcher m = READY.matcher(read(dir.resolve(role + ".out")));
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
            }
            return port[0] > 0 || !p.isAlive();
        }, () -> role + " ready; stderr:\n" + read(dir.resolve(role + ".err")));
        assertThat(p.isAlive()).as("%s running; stderr:%n%s", role, read(dir.resolve(role + ".err"))).isTrue();
        return port[0];
    }

    private static int get(Http http, String path, String key) {
        if (key == null) {
            return http.get(path).status();
        }
        return http.get(path, "X-API-Key", key).status();
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
