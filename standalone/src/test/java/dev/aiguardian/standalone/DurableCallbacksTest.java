package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.gateway.GatewayMain;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.workers.WorkerRuntime;

/**
 * Callbacks with the PostgreSQL job store survive the gateway that started them: a gateway killed
 * with {@code kill -9} between two attempts leaves the next one to another instance, and instances
 * sharing the queue never send the same attempt twice. The receiver is a real HTTP server on 127.0.0.1
 * that checks every signature.
 */
@ExtendWith(KafkaExtension.class)
class DurableCallbacksTest {
    private static final byte[] KEY = "durable-callbacks-secret-0123456".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final Pattern READY_PORT = Pattern.compile("ready in .*http://localhost:(\\d+)");

    /** One POST the receiver got, with whether its Standard Webhooks signature verified. */
    record Delivery(String id, boolean signatureValid, String body) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** Ids whose first attempt has been answered 503 on /flaky. */
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private HttpServer receiver;
    private TestSchema schema;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        schema = TestSchema.create();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/flaky", ex -> {
            Delivery d = record(ex);
            // The first attempt of each delivery fails, every later one succeeds.
            reply(ex, failedOnce.add(d.id()) ? 503 : 204);
        });
        receiver.createContext("/down", ex -> {
            record(ex);
            reply(ex, 503);
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (schema != null) {
            schema.close();
        }
    }

    private Delivery record(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = ex.getRequestHeaders().getFirst("webhook-id");
        String timestamp = ex.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = ex.getRequestHeaders().getFirst("webhook-signature");
        boolean valid;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            valid = signature != null && signature.equals("v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8))));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        Delivery d = new Delivery(id, valid, body);
        deliveries.add(d);
        return d;
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private Map<String, String> env(String backoffMs) {
        return Map.of("DATABASE_ENABLED", "true", "DATABASE_URL", schema.url(), "WEBHOOK_SECRET", SECRET,
                "CALLBACK_ALLOWED_HOSTS", "127.0.0.1", "CALLBACK_MAX_ATTEMPTS", "3",
                "CALLBACK_INITIAL_BACKOFF_MS", backoffMs, "CALLBACK_MAX_BACKOFF_MS", backoffMs,
                "CALLBACK_POLL_INTERVAL_MS", "50");
    }

    private List<Delivery> deliveriesOf(String id) {
        return deliveries.stream().filter(d -> id.equals(d.id())).toList();
    }

    private static String submit(Http http, String url) {
        Http.Reply r = http.post("/api/v1/guards/process", "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":"
                + "\"call me back, whoever is alive\"},\"callback_url\":\"" + url + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("request_id").asText();
    }

    private long queued() {
        return schema.queryLong("SELECT count(*) FROM " + schema.name() + ".guard_callback_queue");
    }

    @Test
    void theNextAttemptAfterAKill9IsMadeByAnotherGateway(String bootstrap) throws Exception {
        try (WorkerRuntime workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD)) {
            // Attempt 1 fails, and attempt 2 waits 2.5 to 5 s: time to kill the gateway between the two.
            Map<String, String> env = env("5000");
            Process first = startGatewayProcess(bootstrap, env);
            String id;
            try {
                Http http = new Http(awaitPort(first));
                id = submit(http, url("/flaky"));
                Await.until(Duration.ofSeconds(60), () -> {
                    JsonNode cb = http.get("/api/v1/guards/jobs/" + id).json().path("callback");
                    return "pending".equals(cb.path("status").asText()) && cb.path("attempts").asInt() == 1;
                }, () -> "attempt 1 recorded by the first gateway; receiver saw " + deliveriesOf(id).size());
            } finally {
                first.destroyForcibly(); // SIGKILL: no clean close, nothing drained
            }
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(deliveriesOf(id)).as("the killed gateway made only attempt 1").hasSize(1);
            assertThat(queued()).as("the pending delivery outlived its gateway").isEqualTo(1);

            try (Gateway second = Pipeline.gateway(bootstrap, env)) {
                Http http = new Http(second.port());
                Await.until(Duration.ofSeconds(60), () -> "delivered".equals(
                        http.get("/api/v1/guards/jobs/" + id).json().at("/callback/status").asText()),
                        () -> "delivery by the second gateway; receiver saw " + deliveriesOf(id).size());
                JsonNode job = http.get("/api/v1/guards/jobs/" + id).json();
                assertThat(job.at("/callback/attempts").asInt()).isEqualTo(2);
                assertThat(queued()).as("nothing left to deliver").isZero();
                assertThat(second.registry().scrape()).contains("aiguardian_callbacks_total{outcome=\"delivered\"} 1.0");
            }
            List<Delivery> got = deliveriesOf(id);
            assertThat(got).as("exactly the two attempts").hasSize(2);
            assertThat(got).allSatisfy(d -> assertThat(d.signatureValid()).as("signature").isTrue());
            assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
            assertThat(dev.aiguardian.schemas.Json.mapper().readTree(got.get(1).body()).at("/result/token_count")
                    .asInt()).isPositive();
        }
    }

    @Test
    void twoGatewaysSharingTheQueueNeverSendAnAttemptTwiceNorMoreThanAllowed(String bootstrap) throws Exception {
        Map<String, String> env = env("100");
        try (WorkerRuntime workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
             Gateway a = Pipeline.gateway(bootstrap, env);
             Gateway b = Pipeline.gateway(bootstrap, env)) {
            Http httpA = new Http(a.port());
            Http httpB = new Http(b.port());
            List<String> flaky = new ArrayList<>();
            List<String> down = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Http http = i % 2 == 0 ? httpA : httpB;
                flaky.add(submit(http, url("/flaky")));
                if (i % 4 == 0) {
                    down.add(submit(http, url("/down")));
                }
            }
            List<String> all = new ArrayList<>(flaky);
            all.addAll(down);
            Await.until(Duration.ofSeconds(90), () -> all.stream().allMatch(id -> {
                String status = httpA.get("/api/v1/guards/jobs/" + id).json().at("/callback/status").asText();
                return "delivered".equals(status) || "failed".equals(status);
            }), () -> "every callback ended; receiver saw " + deliveries.size());
            assertThat(queued()).isZero();
            for (String id : flaky) {
                assertThat(deliveriesOf(id)).as("attempts of %s", id).hasSize(2)
                        .allSatisfy(d -> assertThat(d.signatureValid()).isTrue());
                JsonNode cb = httpB.get("/api/v1/guards/jobs/" + id).json().get("callback");
                assertThat(cb.get("status").asText()).isEqualTo("delivered");
                assertThat(cb.get("attempts").asInt()).isEqualTo(2);
            }
            for (String id : down) {
                assertThat(deliveriesOf(id)).as("attempts of %s", id).hasSize(3);
                JsonNode cb = httpB.get("/api/v1/guards/jobs/" + id).json().get("callback");
                assertThat(cb.get("status").asText()).isEqualTo("failed");
                assertThat(cb.get("attempts").asInt()).isEqualTo(3);
                assertThat(cb.get("last_error").asText()).contains("503");
            }
            double delivered = counted(a, "delivered") + counted(b, "delivered");
            double retried = counted(a, "retried") + counted(b, "retried");
            assertThat(delivered).isEqualTo(flaky.size());
            assertThat(retried).isEqualTo(flaky.size() + 2.0 * down.size());
            System.out.printf("Two gateways, one queue: %d deliveries, retries made by A %.0f, by B %.0f%n",
                    deliveries.size(), counted(a, "retried"), counted(b, "retried"));
        }
    }

    private static double counted(Gateway g, String outcome) {
        var c = g.registry().find("aiguardian.callbacks").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private Process startGatewayProcess(String bootstrap, Map<String, String> env) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), GatewayMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("gateway.out").toFile())
                .redirectError(dir.resolve("gateway.err").toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("DATABASE_") || k.startsWith("REDIS_")
                || k.startsWith("CALLBACK_") || List.of("PORT", "UNIFIED_API_KEY", "WEBHOOK_SECRET").contains(k));
        Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        all.put("PORT", "0");
        // Its group memberships must lapse soon after the kill, so that the next gateway gets its partitions.
        all.put("KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
        e.putAll(all);
        return pb.start();
    }

    private int awaitPort(Process p) throws IOException {
        Path out = dir.resolve("gateway.out");
        int[] port = {0};
        Await.until(Duration.ofSeconds(120), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("the gateway process exited: " + read(dir.resolve("gateway.err")));
            }
            Matcher m = READY_PORT.matcher(read(out));
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
            }
            return port[0] > 0;
        }, () -> "the gateway process ready; stderr: " + read(dir.resolve("gateway.err")));
        return port[0];
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
