package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.workers.WorkerRuntime;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.guards.tokens.TokenGuard;

/** Submit-and-poll and idempotency with the in-memory stores (the standalone default). */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncModesTest {
    static final AtomicInteger PROCESSED = new AtomicInteger();
    private Gateway gateway;
    private WorkerRuntime workers;
    private Http http;

    /** Counts what the worker really processes, to tell one processing from two. */
    static Guard countingTokenGuard(AtomicInteger counter) {
        TokenGuard real = new TokenGuard(new TokenCounter());
        return new Guard() {
            @Override
            public ServiceType type() {
                return ServiceType.TOKENGUARD;
            }

            @Override
            public GuardOutcome inspect(GuardInput input) {
                counter.incrementAndGet();
                return real.inspect(input);
            }
        };
    }

    @BeforeAll
    void start(String bootstrap) throws Exception {
        workers = Pipeline.workers(bootstrap, List.of(countingTokenGuard(PROCESSED)));
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

    static JsonNode pollUntilDone(Http http, String location) {
        JsonNode[] last = new JsonNode[1];
        Await.until(Duration.ofSeconds(30), () -> {
            Http.Reply r = http.get(location);
            last[0] = r.json();
            return r.status() == 200 && !"pending".equals(last[0].get("status").asText());
        }, "job " + location + " finished");
        return last[0];
    }

    @Test
    void preferRespondAsyncAnswers202WithALocationThatCompletes() {
        Http.Reply accepted = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "async hello"),
                "Prefer", "respond-async");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        String id = accepted.json().get("request_id").asText();
        assertThat(location).isEqualTo("/api/v1/guards/jobs/" + id);
        assertThat(accepted.json().get("job").asText()).isEqualTo(location);
        assertThat(accepted.json().get("status").asText()).isEqualTo("pending");
        JsonNode done = pollUntilDone(http, location);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("request_id").asText()).isEqualTo(id);
        assertThat(done.at("/result/token_count").asInt()).isEqualTo(2);
        assertThat(done.get("success").asBoolean()).isTrue();
    }

    @Test
    void modeAsyncInTheBodyWorksTheSame() {
        Http.Reply accepted = http.post("/api/v1/guards/process",
                "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"mode in body\"},\"mode\":\"async\"}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(pollUntilDone(http, accepted.headers().firstValue("Location").orElseThrow())
                .get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aPendingJobSaysSoWithRetryAfter() {
        // healthguard has no worker here: the job stays pending.
        Http.Reply accepted = http.post("/api/v1/guards/process", Http.guardCall("healthguard", "nobody home"),
                "Prefer", "respond-async");
        Http.Reply poll = http.get(accepted.headers().firstValue("Location").orElseThrow());
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.json().get("status").asText()).isEqualTo("pending");
        assertThat(poll.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aBadOptionIsRefusedAt422InsteadOfAcceptedAndNeverReachesTheGuard() {
        int processed = PROCESSED.get();
        Http.Reply r = http.post("/api/v1/guards/process", "{\"service_type\":\"tokenguard\","
                + "\"payload\":{\"text\":\"x\",\"encoding\":\"p50k_base\"}}", "Prefer", "respond-async");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("detail").asText()).contains("payload.encoding", "cl100k_base");
        assertThat(http.get("/api/v1/guards/jobs/" + r.json().get("request_id").asText()).status()).isEqualTo(404);
        // A good call afterwards is processed; the refused one never was.
        Http.Reply ok = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "after the refusal"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(PROCESSED.get()).isEqualTo(processed + 1);
    }

    @Test
    void anUnknownJobIs404() {
        Http.Reply r = http.get("/api/v1/guards/jobs/no-such-job");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSyncCallThatTimedOutIsPollableAndCompletesLater(String bootstrap) throws Exception {
        Http.Reply timedOut = http.post("/api/v1/guards/process",
                "{\"service_type\":\"healthguard\",\"payload\":{\"text\":\"slow\"},\"timeout\":0.5}");
        assertThat(timedOut.status()).isEqualTo(504);
        String job = timedOut.json().get("job").asText();
        assertThat(http.get(job).json().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void theSameIdempotencyKeyTwiceIsOneJobAndOneProcessing() {
        String body = Http.guardCall("tokenguard", "exactly once please");
        int before = PROCESSED.get();
        Http.Reply first = http.post("/api/v1/guards/process", body, "Prefer", "respond-async",
                "Idempotency-Key", "key-" + System.nanoTime());
        String key = first.request().headers().firstValue("Idempotency-Key").orElseThrow();
        Http.Reply second = http.post("/api/v1/guards/process", body, "Prefer", "respond-async", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(List.of(200, 202)).contains(second.status());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        String id = first.json().get("request_id").asText();
        assertThat(second.json().get("request_id").asText()).isEqualTo(id);
        pollUntilDone(http, "/api/v1/guards/jobs/" + id);
        Http.Reply third = http.post("/api/v1/guards/process", body, "Prefer", "respond-async", "Idempotency-Key", key);
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.json().at("/result/token_count").asInt()).isPositive();
        assertThat(PROCESSED.get() - before).isEqualTo(1);
        // The same key with another body is a client bug, not a retry.
        Http.Reply other = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "something else"),
                "Prefer", "respond-async", "Idempotency-Key", key);
        assertThat(other.status()).isEqualTo(422);
    }
}
