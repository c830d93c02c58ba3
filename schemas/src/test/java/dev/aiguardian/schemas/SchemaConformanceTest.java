package dev.aiguardian.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SchemaConformanceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

    private static ObjectNode payload(String text) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("text", text);
        p.put("encoding", "o200k_base");
        return p;
    }

    @Test
    void everySerialisedRequestValidates() {
        List<GuardRequest> requests = List.of(
                new GuardRequest("r-1", ServiceType.TOKENGUARD, payload("hello"), "u", "s", NOW, NOW.plusSeconds(30)),
                new GuardRequest("r-2", ServiceType.TRUSTGUARD, payload(""), null, null, NOW, null));
        for (GuardRequest r : requests) {
            JsonNode json = Json.tree(r);
            assertThat(SchemaCatalog.GUARD_REQUEST.violations(json)).as(json.toString()).isEmpty();
        }
    }

    @Test
    void everySerialisedResultValidates() {
        ObjectNode tokens = Json.mapper().createObjectNode().put("token_count", 2).put("encoding", "cl100k_base");
        List<GuardResult> results = List.of(
                GuardResult.completed("r-1", ServiceType.TOKENGUARD, Verdict.ALLOW, 0.0, tokens,
                        new Timing(3.1, 1.2, 0.2), "worker-1", NOW),
                GuardResult.completed("r-2", ServiceType.TRUSTGUARD, Verdict.BLOCK, 0.97,
                        Json.mapper().createObjectNode().putArray("findings").addObject().put("type", "x"),
                        new Timing(1, 0.5, 0.1), "worker-1", NOW),
                GuardResult.failed("r-3", ServiceType.TOKENGUARD, new ErrorInfo("guard_error", "boom"),
                        new Timing(1, 1, 0), "worker-2", NOW));
        for (GuardResult r : results) {
            JsonNode json = Json.tree(r);
            assertThat(SchemaCatalog.GUARD_RESULT.violations(json)).as(json.toString()).isEmpty();
        }
    }

    @Test
    void aSyncAnswerMayNameTheCallersTenant() {
        ObjectNode result = (ObjectNode) Json.tree(GuardResult.completed("r-1", ServiceType.TOKENGUARD, Verdict.ALLOW,
                0.0, Json.mapper().createObjectNode().put("token_count", 1).put("encoding", "cl100k_base"),
                new Timing(1, 1, 1), "w", NOW));
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result.deepCopy().put("tenant", "acme-prod_2"))).isEmpty();
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result.deepCopy().put("tenant", "Acme Corp"))).isNotEmpty();
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result.deepCopy().put("tenant", ""))).isNotEmpty();
    }

    @Test
    void everySerialisedHeartbeatValidates() {
        Heartbeat hb = new Heartbeat("w-1", ServiceType.TOKENGUARD, NOW, NOW.minusSeconds(60), 2000, 10, 1, 0, 0.4);
        assertThat(SchemaCatalog.HEARTBEAT.violations(Json.tree(hb))).isEmpty();
    }

    @Test
    void formatAssertionsAreOn() {
        ObjectNode bad = (ObjectNode) Json.tree(
                new GuardRequest("r-1", ServiceType.TOKENGUARD, payload("x"), "u", "s", NOW, null));
        bad.put("submitted_at", "yesterday");
        assertThat(SchemaCatalog.GUARD_REQUEST.violations(bad)).anyMatch(v -> v.contains("submitted_at"));
    }

    @Test
    void unknownFieldsAndWrongValuesAreRejected() {
        ObjectNode result = (ObjectNode) Json.tree(GuardResult.completed("r-1", ServiceType.TOKENGUARD, Verdict.ALLOW,
                0.0, Json.mapper().createObjectNode().put("token_count", 1).put("encoding", "cl100k_base"),
                new Timing(1, 1, 1), "w", NOW));
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result.deepCopy().put("surprise", 1))).isNotEmpty();
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result.deepCopy().put("verdict", "maybe"))).isNotEmpty();
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result.deepCopy().put("score", 1.5))).isNotEmpty();
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result.deepCopy().put("service_type", "nosuch"))).isNotEmpty();
        ObjectNode noCount = result.deepCopy();
        ((ObjectNode) noCount.get("result")).remove("token_count");
        assertThat(SchemaCatalog.GUARD_RESULT.violations(noCount)).isNotEmpty();
    }

    @Test
    void recordsRoundTrip() throws Exception {
        GuardRequest r = new GuardRequest("r-1", ServiceType.TOKENGUARD, payload("hé 🙂"), "u", "s", NOW, null);
        GuardRequest back = Json.fromBytes(Json.toBytes(r), GuardRequest.class);
        assertThat(back).isEqualTo(r);
        assertThat(back.partitionKey()).isEqualTo("s");
    }
}
