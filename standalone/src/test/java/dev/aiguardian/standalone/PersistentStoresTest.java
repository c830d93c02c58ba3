package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.workers.WorkerRuntime;

/** Jobs in the real PostgreSQL and idempotency keys in the real Redis, shared by gateway instances. */
@ExtendWith(KafkaExtension.class)
class PersistentStoresTest {

    private static Map<String, String> postgres() {
        return Map.of("DATABASE_ENABLED", "true", "DATABASE_URL",
                LocalServers.postgresUrl().replace("postgresql://", "postgresql+asyncpg://"));
    }

    @Test
    void aJobAcceptedByOneGatewayIsCompletedAndReadableFromAnother(String bootstrap) throws Exception {
        Map<String, String> env = postgres();
        try (WorkerRuntime workers = Pipeline.workers(bootstrap, dev.aiguardian.schemas.ServiceType.TOKENGUARD);
             Gateway a = Pipeline.gateway(bootstrap, env);
             Gateway b = Pipeline.gateway(bootstrap, env)) {
            Http.Reply accepted = new Http(a.port()).post("/api/v1/guards/process",
                    Http.guardCall("tokenguard", "accepted by A, read from B"), "Prefer", "respond-async");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String location = accepted.headers().firstValue("Location").orElseThrow();
            var done = AsyncModesTest.pollUntilDone(new Http(b.port()), location);
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.at("/result/token_count").asInt()).isPositive();
        }
    }

    @Test
    void jobsSurviveAGatewayRestart(String bootstrap) throws Exception {
        Map<String, String> env = postgres();
        String completedJob;
        String pendingJob;
        try (WorkerRuntime workers = Pipeline.workers(bootstrap, dev.aiguardian.schemas.ServiceType.TOKENGUARD);
             Gateway first = Pipeline.gateway(bootstrap, env)) {
            Http http = new Http(first.port());
            completedJob = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "remember me"),
                    "Prefer", "respond-async").headers().firstValue("Location").orElseThrow();
            AsyncModesTest.pollUntilDone(http, completedJob);
            pendingJob = http.post("/api/v1/guards/process", Http.guardCall("healthguard", "still waiting"),
                    "Prefer", "respond-async").headers().firstValue("Location").orElseThrow();
        }
        try (Gateway second = Pipeline.gateway(bootstrap, env)) {
            Http http = new Http(second.port());
            Http.Reply completed = http.get(completedJob);
            assertThat(completed.status()).isEqualTo(200);
            assertThat(completed.json().get("status").asText()).isEqualTo("completed");
            assertThat(completed.json().at("/result/token_count").asInt()).isPositive();
            assertThat(http.get(pendingJob).json().get("status").asText()).isEqualTo("pending");
        }
    }

    @Test
    void theSameIdempotencyKeyOnTwoGatewaysIsOneJobAndOneProcessingWithRedis(String bootstrap) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(postgres());
        env.put("REDIS_URL", LocalServers.redisUrl());
        AtomicInteger processed = new AtomicInteger();
        try (WorkerRuntime workers = Pipeline.workers(bootstrap, List.of(AsyncModesTest.countingTokenGuard(processed)));
             Gateway a = Pipeline.gateway(bootstrap, env);
             Gateway b = Pipeline.gateway(bootstrap, env)) {
            String key = "redis-key-" + System.nanoTime();
            String body = Http.guardCall("tokenguard", "once across instances");
            Http.Reply first = new Http(a.port()).post("/api/v1/guards/process", body, "Prefer", "respond-async",
                    "Idempotency-Key", key);
            Http.Reply retry = new Http(b.port()).post("/api/v1/guards/process", body, "Prefer", "respond-async",
                    "Idempotency-Key", key);
            assertThat(first.status()).isEqualTo(202);
            assertThat(retry.json().get("request_id").asText()).isEqualTo(first.json().get("request_id").asText());
            AsyncModesTest.pollUntilDone(new Http(b.port()), first.headers().firstValue("Location").orElseThrow());
            assertThat(processed.get()).isEqualTo(1);
        }
    }
}
