package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.topology.StreamsServices;
import dev.aiguardian.topology.TopologyConfig;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.workers.WorkerConfig;
import dev.aiguardian.workers.WorkerRuntime;
import dev.aiguardian.guards.tokens.TokenCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * On the shared broker: the Streams services and the workers are replaced by new instances whose
 * state folder is empty, so the session memory and the usage totals they show can only come from
 * the changelog and totals topics.
 */
@ExtendWith(KafkaExtension.class)
class StreamsRestartTest {
    private static final String TEXT = "Draft a polite reminder about the unpaid invoice from March.";

    @TempDir
    Path firstState;
    @TempDir
    Path secondState;

    private static StreamsServices streams(String bootstrap, Path state) throws Exception {
        StreamsServices s = new StreamsServices(TopologyConfig.embedded(bootstrap, state)
                .withHeartbeat(Duration.ofMillis(500)));
        s.start();
        return s;
    }

    private static WorkerRuntime workers(String bootstrap, BudgetSettings budgets) throws Exception {
        WorkerConfig config = WorkerConfig.embedded(bootstrap, EnumSet.of(ServiceType.TOKENGUARD))
                .withWorkerId("budget-worker-" + UUID.randomUUID().toString().substring(0, 8))
                .withHeartbeatInterval(Duration.ofMillis(500));
        WorkerRuntime w = WorkerRuntime.withBudgets(config, budgets, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        w.start();
        return w;
    }

    private static JsonNode call(Http http, String service, String text, String user, String session) {
        Http.Reply r = http.post("/api/v1/guards/process", "{\"service_type\":\"" + service
                + "\",\"payload\":{\"text\":" + Json.toString(text) + "},\"user_id\":\"" + user
                + "\",\"session_id\":\"" + session + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static long dayTokens(Http http, String user) {
        Http.Reply r = http.get("/api/v1/usage/" + user);
        return r.status() == 200 ? r.json().at("/current/day_tokens").asLong() : -1;
    }

    private static void awaitContextGuard(Http http, String status) {
        Await.until(Duration.ofSeconds(30), () -> http.get("/api/v1/guards/services")
                .json().at("/services/contextguard/status").asText().equals(status), "contextguard " + status);
    }

    @Test
    void sessionMemoryAndTotalsComeBackFromTheBrokerAfterStreamsAndWorkersRestart(String bootstrap) throws Exception {
        String user = "user-" + UUID.randomUUID();
        String session = "session-" + UUID.randomUUID();
        long t = new TokenCounter().count(TEXT, TokenCounter.Bpe.CL100K_BASE);
        // Two calls stay under the budget; the third would exceed it.
        BudgetSettings budgets = new BudgetSettings(OptionalLong.of(5 * t / 2), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), 0.99);

        try (Gateway gateway = Pipeline.gateway(bootstrap)) {
            Http http = new Http(gateway.port());
            try (StreamsServices s = streams(bootstrap, firstState); WorkerRuntime w = workers(bootstrap, budgets)) {
                awaitContextGuard(http, "healthy");
                assertThat(call(http, "contextguard", "Our team plans a hiking trip in the Alps this summer.", user,
                        session).at("/result/turn_count").asInt()).isEqualTo(1);
                assertThat(call(http, "contextguard", "Which mountain huts near the trail take reservations?", user,
                        session).at("/result/turn_count").asInt()).isEqualTo(2);

                assertThat(call(http, "tokenguard", TEXT, user, session).get("verdict").asText()).isEqualTo("allow");
                Await.until(Duration.ofSeconds(30), () -> dayTokens(http, user) == t, "first call counted");
                assertThat(call(http, "tokenguard", TEXT, user, session).get("verdict").asText()).isEqualTo("allow");
                Await.until(Duration.ofSeconds(30), () -> dayTokens(http, user) == 2 * t, "second call counted");
                assertThat(call(http, "tokenguard", TEXT, user, session).get("verdict").asText()).isEqualTo("block");
            }
            awaitContextGuard(http, "unavailable");

            try (StreamsServices s = streams(bootstrap, secondState); WorkerRuntime w = workers(bootstrap, budgets)) {
                awaitContextGuard(http, "healthy");
                JsonNode third = call(http, "contextguard", "Do we need crampons for the glacier crossing?", user,
                        session);
                assertThat(third.at("/result/turn_count").asInt()).isEqualTo(3);
                assertThat(dayTokens(http, user)).isEqualTo(2 * t);
                // The new worker read the totals back before taking requests: the budget still blocks.
                JsonNode blocked = call(http, "tokenguard", TEXT, user, session);
                assertThat(blocked.get("verdict").asText()).isEqualTo("block");
                assertThat(blocked.at("/result/budget/limits/0/used").asLong()).isEqualTo(2 * t);
            }
        }
    }
}
