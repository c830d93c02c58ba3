package dev.aiguardian.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.SchemaCatalog;

class StorableJsonTest {

    private static ObjectNode result(String text) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("request_id", "r-1");
        r.put("service_type", "trustguard");
        r.put("status", "completed");
        r.put("verdict", "allow");
        r.put("score", 0.0);
        ObjectNode result = r.putObject("result");
        result.put("redacted_text", text);
        result.putArray("findings").addObject().put("evidence", text).put("start", 0);
        result.putObject("by_view").put("raw" + '\0', 1);
        return r;
    }

    @Test
    void everyNulBecomesTheReplacementCharacterAndTheCopySaysSo() {
        ObjectNode original = result("hello \0 wor\0ld");
        StorableJson.Stored stored = StorableJson.of(original);
        assertThat(stored.replaced()).isEqualTo(5);
        String json = Json.toString(stored.json());
        assertThat(json).doesNotContain("\\u0000").contains("hello \uFFFD wor\uFFFDld");
        assertThat(stored.json().at("/result/findings/0/evidence").asText()).isEqualTo("hello \uFFFD wor\uFFFDld");
        assertThat(stored.json().at("/result/by_view").fieldNames().next()).isEqualTo("raw\uFFFD");
        assertThat(stored.json().at("/stored_copy/nul_characters_replaced").asInt()).isEqualTo(5);
        assertThat(stored.json().at("/stored_copy/replacement").asText()).isEqualTo("U+FFFD");
        assertThat(SchemaCatalog.GUARD_RESULT.violations(stored.json())).isEmpty();
        // The result the guard produced, as callers of the sync path and guard.results see it, is untouched.
        assertThat(original.at("/result/redacted_text").asText()).isEqualTo("hello \0 wor\0ld");
        assertThat(original.has("stored_copy")).isFalse();
    }

    @Test
    void aResultWithoutNulIsStoredAsItIs() {
        ObjectNode original = result("nothing odd here");
        ((ObjectNode) original.get("result")).remove("by_view");
        StorableJson.Stored stored = StorableJson.of(original);
        assertThat(stored.replaced()).isZero();
        assertThat(stored.json()).isSameAs(original);
    }
}
