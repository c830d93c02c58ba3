package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.config.Env;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.workers.WorkerConfig;
import dev.aiguardian.guards.tokens.TokenCounter;

/**
 * The stateful guards through the standalone gateway: a session's turns accumulate and an off-topic
 * turn is flagged; a user's usage grows with each tokenguard call until the budget flags and then
 * blocks; and all of it survives a restart of the whole standalone process (broker included) with
 * the same DATA_DIR.
 */
class StatefulGuardsRestartTest {
    private static final String TEXT = "Summarise the quarterly sales report for the board meeting.";

    @TempDir
    Path dataDir;

    private Standalone start(BudgetSettings budgets) throws Exception {
        Env env = Env.of(Map.of());
        GatewayConfig gateway = GatewayConfig.fromEnv(env).withPort(0);
        WorkerConfig workers = WorkerConfig.embedded("unused", EnumSet.of(ServiceType.TOKENGUARD))
                .withHeartbeatInterval(Duration.ofMillis(500));
        env.validate();
        Standalone s = new Standalone(new StandaloneConfig(0, dataDir, Optional.empty()), gateway, workers)
                .withBudgets(budgets);
        s.start();
        return s;
    }

    private static JsonNode process(Http http, String service, String text, String user, String session,
                                    String options) {
        String body = "{\"service_type\":\"" + service + "\",\"payload\":{\"text\":" + Json.toString(text) + options
                + "},\"user_id\":\"" + user + "\",\"session_id\":\"" + session + "\"}";
        Http.Reply r = http.post("/api/v1/guards/process", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).as(r.body()).isEqualTo("completed");
        return r.json();
    }

    private static void awaitDayTokens(Http http, String user, long expected) {
        Await.until(Duration.ofSeconds(30), () -> {
            Http.Reply r = http.get("/api/v1/usage/" + user);
            return r.status() == 200 && r.json().at("/current/day_tokens").asLong() == expected;
        }, user + "'s usage reaching " + expected + " tokens");
    }

    @Test
    void sessionMemoryAndUsageTotalsSurviveARestartWithTheSameDataDir() throws Exception {
        int t = new TokenCounter().count(TEXT, TokenCounter.Bpe.CL100K_BASE);
        // Two calls stay under 80 %, the third reaches it (flag), the fourth would go over (block).
        long limit = 7L * t / 2;
        BudgetSettings budgets = new BudgetSettings(OptionalLong.of(limit), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), 0.8);

        try (Standalone first = start(budgets)) {
            Http http = new Http(first.port());
            Await.until(Duration.ofSeconds(30), () -> http.get("/api/v1/guards/services")
                    .json().at("/services/contextguard/status").asText().equals("healthy"), "contextguard live");

            assertThat(process(http, "contextguard", "I want to bake sourdough bread with my new starter.", "u1",
                    "s1", "").at("/result/turn_count").asInt()).isEqualTo(1);
            assertThat(process(http, "contextguard", "How long should the dough proof before it goes in the oven?",
                    "u1", "s1", "").at("/result/turn_count").asInt()).isEqualTo(2);
            JsonNode third = process(http, "contextguard", "My loaf has a pale crust, should I bake it hotter?",
                    "u1", "s1", "");
            assertThat(third.at("/result/turn_count").asInt()).isEqualTo(3);
            assertThat(third.get("verdict").asText()).isEqualTo("allow");
            JsonNode off = process(http, "contextguard",
                    "Which index funds have the lowest expense ratio for retirement?", "u1", "s1", "");
            assertThat(off.get("verdict").asText()).isEqualTo("flag");
            assertThat(off.at("/result/drift").asBoolean()).isTrue();
            assertThat(off.at("/result/turn_count").asInt()).isEqualTo(4);

            assertThat(http.get("/api/v1/usage/u1").status()).isEqualTo(404);
            assertThat(http.get("/api/v1/usage/u1").contentType()).startsWith("application/problem+json");
            JsonNode call1 = process(http, "tokenguard", TEXT, "u1", "s1", "");
            assertThat(call1.get("verdict").asText()).isEqualTo("allow");
            assertThat(call1.at("/result/budget/limits/0/limit").asLong()).isEqualTo(limit);
            awaitDayTokens(http, "u1", t);
            assertThat(process(http, "tokenguard", TEXT, "u1", "s1", "").get("verdict").asText()).isEqualTo("allow");
            awaitDayTokens(http, "u1", 2L * t);
            JsonNode near = process(http, "tokenguard", TEXT, "u1", "s1", "");
            assertThat(near.get("verdict").asText()).isEqualTo("flag");
            assertThat(near.at("/result/budget/limits/0/state").asText()).isEqualTo("near");
            awaitDayTokens(http, "u1", 3L * t);
            JsonNode over = process(http, "tokenguard", TEXT, "u1", "s1", "");
            assertThat(over.get("verdict").asText()).isEqualTo("block");
            assertThat(over.at("/result/budget/limits/0/used").asLong()).isEqualTo(3L * t);
            assertThat(over.at("/result/budget/limits/0/state").asText()).isEqualTo("over");
        }

        try (Standalone second = start(budgets)) {
            Http http = new Http(second.port());
            // Totals are read back from the broker's logs; blocked calls were not usage.
            awaitDayTokens(http, "u1", 3L * t);
            Await.until(Duration.ofSeconds(30), () -> http.get("/api/v1/guards/services")
                    .json().at("/services/contextguard/status").asText().equals("healthy"), "contextguard live again");
            JsonNode next = process(http, "contextguard", "Should I use a Dutch oven for the bake?", "u1", "s1", "");
            assertThat(next.at("/result/turn_count").asInt()).isEqualTo(5);
            assertThat(next.at("/result/context_window/4/text").asText())
                    .isEqualTo("I want to bake sourdough bread with my new starter.");
            assertThat(process(http, "tokenguard", TEXT, "u1", "s1", "").get("verdict").asText()).isEqualTo("block");
        }
    }
}
