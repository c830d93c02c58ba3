package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.SchemaCatalog;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.workers.WorkerRuntime;
import dev.aiguardian.guards.tokens.TokenCounter;

/** The sync path end to end: HTTP → gateway → Kafka → worker → Kafka → gateway → HTTP, on a real broker. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncPathTest {
    private Gateway gateway;
    private WorkerRuntime workers;
    private Http http;
    private final TokenCounter counter = new TokenCounter();

    @BeforeAll
    void start(String bootstrap) throws Exception {
        workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
        gateway = Pipeline.gateway(bootstrap);
        http = new Http(gateway.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (workers != null) {
            workers.close();
        }
    }

    @Test
    void seedRequestReturnsTheTokenCount() {
        Http.Reply r = http.post("/api/v1/guards/process",
                "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"test\"},\"user_id\":\"test\",\"session_id\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.at("/result/token_count").asInt()).isEqualTo(1);
        assertThat(body.at("/result/encoding").asText()).isEqualTo("cl100k_base");
        assertThat(body.get("verdict").asText()).isEqualTo("allow");
        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("processing_time").asDouble()).isPositive();
        assertThat(body.get("request_id").asText()).isNotBlank();
        assertThat(r.headers().firstValue("X-Request-ID")).isPresent();
        // The body is the guard result plus the seed's two fields: without them it is schema-valid.
        com.fasterxml.jackson.databind.node.ObjectNode result = body.deepCopy();
        result.remove(List.of("success", "processing_time"));
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result)).isEmpty();
    }

    @Test
    void optionsReachTheGuard() {
        Http.Reply r = http.post("/api/v1/guards/process", "{\"service_type\":\"tokenguard\",\"payload\":"
                + "{\"text\":\"one two three four five\",\"encoding\":\"o200k_base\",\"max_tokens\":2}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/result/encoding").asText()).isEqualTo("o200k_base");
        assertThat(r.json().get("verdict").asText()).isEqualTo("flag");
    }

    @Test
    void aBadOptionIsTheCallersErrorNotAGuardFailure() {
        Http.Reply r = http.post("/api/v1/guards/process",
                "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\",\"encoding\":\"p50k_base\"}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("payload.encoding").contains("cl100k_base");
        assertThat(r.json().get("request_id").asText()).isNotBlank();
    }

    @Test
    void fiveHundredConcurrentCallersEachGetTheirOwnCount() {
        List<String> texts = new ArrayList<>();
        List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // Different lengths and scripts so that a crossed reply shows up as a wrong count.
            String text = "word ".repeat(i % 97 + 1) + "#" + i + (i % 3 == 0 ? " 你好" : "") + (i % 5 == 0 ? " 🙂" : "");
            texts.add(text);
            replies.add(http.postAsync("/api/v1/guards/process", Http.guardCall("tokenguard", text)));
        }
        int correct = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Http.Reply r = replies.get(i).join();
            int expected = counter.count(texts.get(i), TokenCounter.Bpe.CL100K_BASE);
            if (r.status() == 200 && r.json().at("/result/token_count").asInt() == expected) {
                correct++;
            } else if (wrong.size() < 5) {
                wrong.add(i + ": " + r.status() + " " + r.body());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(correct).isEqualTo(500);
    }

    @Test
    void servicesShowTheLiveWorker() {
        JsonNode services = http.get("/api/v1/guards/services").json().get("services");
        assertThat(services.at("/tokenguard/status").asText()).isEqualTo("healthy");
        assertThat(services.at("/tokenguard/instances").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(services.at("/healthguard/status").asText()).isEqualTo("unavailable");
        assertThat(services.size()).isEqualTo(5);
        assertThat(services.at("/tokenguard/p95_processing_ms").isNumber()).isTrue();
        // Consumer lag comes from the admin client a few seconds after start; all requests are committed by then.
        Await.until(java.time.Duration.ofSeconds(20), () -> http.get("/api/v1/guards/services").json()
                .at("/services/tokenguard/consumer_lag").isNumber(), "consumer lag of tokenguard reported");
        JsonNode token = http.get("/api/v1/guards/services").json().at("/services/tokenguard");
        assertThat(token.get("consumer_lag").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(token.get("lag_growing").asBoolean()).isFalse();
    }

    @Test
    void healthAndMetricsAnswer() {
        Http.Reply live = http.get("/health/live");
        assertThat(live.json().get("status").asText()).isEqualTo("alive");
        assertThat(live.json().get("service").asText()).isEqualTo("codeguardians-gateway");
        assertThat(http.get("/health/ready").json().get("status").asText()).isEqualTo("ready");
        http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "metrics please"));
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("aiguardian_gateway_guard_requests_seconds_count{guard=\"tokenguard\",outcome=\"completed\"")
                .contains("vertx_http_server_requests_total")
                .contains("kafka_producer_");
    }
}
