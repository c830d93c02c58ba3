package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.sun.net.httpserver.HttpServer;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.workers.WorkerRuntime;

/** Signed callbacks to a real HTTP receiver on 127.0.0.1: delivery, verification, retries, 410, SSRF refusals. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbacksTest {
    private static final byte[] KEY = "callbacks-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    /** What the receiver got. */
    record Delivery(Map<String, String> headers, String body) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failingHits = new AtomicInteger();
    private final AtomicInteger goneHits = new AtomicInteger();
    private HttpServer receiver;
    private WorkerRuntime workers;
    private Gateway allowing;
    private Gateway strict;

    @BeforeAll
    void start(String bootstrap) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ok", ex -> {
            Map<String, String> h = new java.util.HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            deliveries.add(new Delivery(h, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            reply(ex, 204);
        });
        receiver.createContext("/fail", ex -> {
            failingHits.incrementAndGet();
            reply(ex, 503);
        });
        receiver.createContext("/gone", ex -> {
            goneHits.incrementAndGet();
            reply(ex, 410);
        });
        receiver.start();
        workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
        allowing = Pipeline.gateway(bootstrap, Map.of("WEBHOOK_SECRET", SECRET, "CALLBACK_ALLOWED_HOSTS", "127.0.0.1",
                "CALLBACK_INITIAL_BACKOFF_MS", "50", "CALLBACK_MAX_ATTEMPTS", "3"));
        strict = Pipeline.gateway(bootstrap, Map.of("WEBHOOK_SECRET", SECRET));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {allowing, strict, workers}) {
            if (c != null) {
                c.close();
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static String withCallback(String text, String url) {
        return "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"" + text + "\"},\"callback_url\":\"" + url + "\"}";
    }

    @Test
    void theResultArrivesSignedPerStandardWebhooks() throws Exception {
        Http http = new Http(allowing.port());
        Http.Reply accepted = http.post("/api/v1/guards/process", withCallback("call me back", url("/ok")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("request_id").asText();
        Await.until(Duration.ofSeconds(30), () -> deliveries.stream().anyMatch(d -> d.body().contains(id)),
                "callback for " + id);
        Delivery d = deliveries.stream().filter(x -> x.body().contains(id)).findFirst().orElseThrow();
        assertThat(d.headers().get("webhook-id")).isEqualTo(id);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                (d.headers().get("webhook-id") + "." + d.headers().get("webhook-timestamp") + "." + d.body())
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(d.headers().get("webhook-signature")).isEqualTo(expected);
        assertThat(Math.abs(Long.parseLong(d.headers().get("webhook-timestamp")) - System.currentTimeMillis() / 1000))
                .isLessThan(60);
        var body = dev.aiguardian.schemas.Json.mapper().readTree(d.body());
        assertThat(body.at("/result/token_count").asInt()).isPositive();
        Await.until(Duration.ofSeconds(10), () -> "delivered".equals(
                http.get("/api/v1/guards/jobs/" + id).json().at("/callback/status").asText()), "delivery recorded");
    }

    @Test
    void aFailingReceiverGetsRetriesThenTheJobRecordsTheFailure() {
        Http http = new Http(allowing.port());
        int before = failingHits.get();
        String id = http.post("/api/v1/guards/process", withCallback("nobody listens", url("/fail")))
                .json().get("request_id").asText();
        Await.until(Duration.ofSeconds(30), () -> "failed".equals(
                http.get("/api/v1/guards/jobs/" + id).json().at("/callback/status").asText()), "callback failure recorded");
        var cb = http.get("/api/v1/guards/jobs/" + id).json().get("callback");
        assertThat(cb.get("attempts").asInt()).isEqualTo(3);
        assertThat(cb.get("last_error").asText()).contains("503");
        assertThat(failingHits.get() - before).isEqualTo(3);
    }

    @Test
    void a410StopsTheRetries() {
        Http http = new Http(allowing.port());
        int before = goneHits.get();
        String id = http.post("/api/v1/guards/process", withCallback("unsubscribed", url("/gone")))
                .json().get("request_id").asText();
        Await.until(Duration.ofSeconds(30), () -> "gone".equals(
                http.get("/api/v1/guards/jobs/" + id).json().at("/callback/status").asText()), "410 recorded");
        assertThat(goneHits.get() - before).isEqualTo(1);
    }

    @Test
    void internalTargetsAreRefusedWithoutTheAllowList() {
        Http http = new Http(strict.port());
        for (String target : List.of(url("/ok"), "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hook",
                "http://localhost:9/hook", "http://[::1]:9/hook")) {
            Http.Reply r = http.post("/api/v1/guards/process", withCallback("ssrf", target));
            assertThat(r.status()).as(target + " " + r.body()).isEqualTo(400);
            assertThat(r.json().get("type").asText()).endsWith("/callback-refused");
        }
    }

    @Test
    void callbacksWithoutAWebhookSecretAreRefused(String bootstrap) throws Exception {
        try (Gateway unsigned = Pipeline.gateway(bootstrap)) {
            Http.Reply r = new Http(unsigned.port()).post("/api/v1/guards/process", withCallback("x", url("/ok")));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("type").asText()).endsWith("/callbacks-disabled");
        }
    }
}
