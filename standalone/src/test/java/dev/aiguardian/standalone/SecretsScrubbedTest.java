package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.aiguardian.gateway.GatewayMain;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.workers.WorkerRuntime;

/**
 * The gateway process started with every secret set to a recognisable value, at DEBUG, with the
 * production log configuration: nothing it prints (either stream), answers or exposes on /metrics may
 * contain any of them, through successful, refused and failing calls and a start with a bad setting.
 * PostgreSQL is the real one on 127.0.0.1; Redis is a real redis-server started here with a password
 * (the shared one has none, and a password must be checked for it to matter).
 */
@ExtendWith(KafkaExtension.class)
class SecretsScrubbedTest {
    private static final String MARK = "Zq7" + Long.toHexString(System.nanoTime());
    private static final String SECRET_KEY = "SecretKey-" + MARK + "-0123456789abcdef";
    private static final String API_KEY = "ApiKey-" + MARK + "-0123";
    private static final String WEBHOOK_KEY = "WebhookKey-" + MARK + "-32bytes!!";
    private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            WEBHOOK_KEY.getBytes(StandardCharsets.UTF_8));
    private static final String PG_PASSWORD = "PgPass-" + MARK;
    private static final String REDIS_PASSWORD = "RedisPass-" + MARK;
    private static final String JAAS_PASSWORD = "JaasPass-" + MARK;
    private static final String TRUSTSTORE_PASSWORD = "TrustPass-" + MARK;
    private static final List<String> SECRETS = List.of(SECRET_KEY, API_KEY, WEBHOOK_SECRET,
            WEBHOOK_SECRET.substring("whsec_".length()), WEBHOOK_KEY, PG_PASSWORD, REDIS_PASSWORD, JAAS_PASSWORD,
            TRUSTSTORE_PASSWORD);

    @TempDir
    Path dir;

    @Test
    void noSecretReachesTheLogsTheAnswersOrTheMetrics(String bootstrap) throws Exception {
        String database = LocalServers.postgresUrl().replaceFirst("://([^:@/]+)@", "://$1:" + PG_PASSWORD + "@");
        int redisPort = LocalServers.freePort();
        Process redis = startRedis(redisPort);
        WorkerRuntime workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
        List<String> bodies = new ArrayList<>();
        Process gateway = null;
        try {
            Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "PORT", "0",
                    "LOG_LEVEL", "DEBUG", "ACCESS_LOG_LEVEL", "INFO", "SECRET_KEY", SECRET_KEY,
                    "UNIFIED_API_KEY", API_KEY, "WEBHOOK_SECRET", WEBHOOK_SECRET, "DATABASE_ENABLED", "true",
                    "DATABASE_URL", database, "REDIS_URL", "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + redisPort + "/0"));
            env.put("KAFKA_CLIENT_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"tenant\" password=\"" + JAAS_PASSWORD + "\";");
            env.put("KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
            gateway = start("run", env);
            Process running = gateway;
            Path out = dir.resolve("run.out");
            Await.until(Duration.ofSeconds(120), () -> read(out).contains("ready in") || !running.isAlive(),
                    "the gateway printed its ready line");
            Matcher port = Pattern.compile("http://localhost:(\\d+)").matcher(read(out));
            assertThat(port.find()).as("ready line in %s / %s", read(out), read(dir.resolve("run.err"))).isTrue();
            String base = "http://127.0.0.1:" + port.group(1);
            String auth = "Bearer " + API_KEY;
            String call = Http.guardCall("tokenguard", "hello");

            bodies.add(send(base, "GET", "/health/live", null));
            bodies.add(send(base, "GET", "/health/ready", null));
            bodies.add(send(base, "POST", "/api/v1/guards/process", call, "Authorization", auth));
            bodies.add(send(base, "POST", "/api/v1/guards/process", call, "Authorization", "Bearer wrong-key-0123456789"));
            bodies.add(send(base, "POST", "/api/v1/guards/process", "{", "Authorization", auth));
            bodies.add(send(base, "POST", "/api/v1/guards/process", "{\"service_type\":\"tokenguard\",\"payload\":"
                    + "{\"text\":\"x\"},\"callback_url\":\"http://127.0.0.1:1/hook\"}", "Authorization", auth));
            String accepted = send(base, "POST", "/api/v1/guards/process", call, "Authorization", auth, "Prefer",
                    "respond-async", "Idempotency-Key", "k-" + MARK);
            bodies.add(accepted);
            String id = accepted.replaceAll("(?s).*\"request_id\":\"([^\"]+)\".*", "$1");
            bodies.add(send(base, "GET", "/api/v1/guards/jobs/" + id, null, "Authorization", auth));
            bodies.add(send(base, "GET", "/api/v1/guards/services", null, "Authorization", auth));
            bodies.add(send(base, "POST", "/api/v1/guards/process", "{\"service_type\":\"biasguard\",\"payload\":"
                    + "{\"text\":\"x\"},\"timeout\":0.5}", "Authorization", auth)); // no worker: a 504 and a WARN line
            String metrics = send(base, "GET", "/metrics", null);
            bodies.add(metrics);
            assertThat(metrics).contains("vertx_http_server_requests_total");
        } finally {
            if (gateway != null) {
                gateway.destroy();
                gateway.waitFor(60, TimeUnit.SECONDS);
            }
            workers.close();
            redis.destroy();
        }
        String stdout = read(dir.resolve("run.out"));
        String stderr = read(dir.resolve("run.err"));
        // The lines that used to carry the passwords are there, so the check below means something.
        assertThat(stderr).contains("Gateway listening").contains("redis redis://:***@127.0.0.1:" + redisPort)
                .contains("POST /api/v1/guards/process 401").contains("504 guard-timeout");
        assertNoSecret("stdout", stdout);
        assertNoSecret("stderr", stderr);
        assertNoSecret("answers and /metrics", String.join("\n", bodies));

        // A DATABASE_URL no parser takes, its password quoted whole: one line, exit 2, no password.
        Process bad = start("bad", Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "PORT", "0", "LOG_LEVEL", "DEBUG",
                "DATABASE_ENABLED", "true", "DATABASE_URL", "postgresql://app:Bad " + PG_PASSWORD + "@127.0.0.1/x",
                "LOG_FORMAT", "json"));
        assertThat(bad.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String badErr = read(dir.resolve("bad.err"));
        assertThat(bad.exitValue()).as(badErr).isEqualTo(2);
        assertThat(badErr.lines().filter(l -> l.startsWith("aiguardian"))).singleElement().asString()
                .contains("DATABASE_URL=", "not a valid URL", "postgresql://app:***@127.0.0.1/x");
        assertNoSecret("bad start", badErr + read(dir.resolve("bad.out")));
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            assertThat(text).as("%s must not contain the secret %s", where, secret).doesNotContain(secret);
        }
    }

    private static String send(String base, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.headers().map() + " " + r.body();
    }

    private Process start(String name, Map<String, String> env) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                // The production configuration (with its rewrite policy), not the tests' log4j2-test.xml.
                "-Dlog4j2.configurationFile=log4j2.xml",
                "-cp", System.getProperty("java.class.path"), GatewayMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("DATABASE_")
                || k.startsWith("REDIS_") || k.startsWith("LOG_") || List.of("PORT", "UNIFIED_API_KEY", "SECRET_KEY",
                "WEBHOOK_SECRET", "ALLOWED_HOSTS").contains(k));
        pb.environment().putAll(env);
        return pb.start();
    }

    private Process startRedis(int port) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(binary)) {
            LocalServers.missing("redis-server is not installed (apt-get install -y redis-server)");
        }
        Process p = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--requirepass", REDIS_PASSWORD, "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Await.until(Duration.ofSeconds(30), () -> read(dir.resolve("redis.log")).contains("Ready to accept")
                || !p.isAlive(), "redis-server started");
        assertThat(p.isAlive()).as(read(dir.resolve("redis.log"))).isTrue();
        return p;
    }


    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
