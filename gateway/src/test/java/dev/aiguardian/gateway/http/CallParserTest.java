package dev.aiguardian.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.SchemaCatalog;
import dev.aiguardian.schemas.ServiceType;

class CallParserTest {
    private final CallParser parser = new CallParser(Duration.ofSeconds(30), Duration.ofMinutes(5), false,
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void theSeedRequestBecomesASchemaValidGuardRequest() {
        GuardCall call = parser.guard(
                "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"test\"},\"user_id\":\"test\",\"session_id\":\"test\"}", false);
        assertThat(call.request().serviceType()).isEqualTo(ServiceType.TOKENGUARD);
        assertThat(call.deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(call.request().deadlineAt()).isEqualTo(Instant.parse("2026-11-25T10:00:30Z"));
        assertThat(call.request().partitionKey()).isEqualTo("test");
        assertThat(SchemaCatalog.GUARD_REQUEST.violations(Json.tree(call.request()))).isEmpty();
    }

    @Test
    void aTokensSubjectIsTheUserAndWinsOverTheBody() {
        byte[] other = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"user_id\":\"mallory\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] none = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(parser.guard(other, false, "alice").request().userId()).isEqualTo("alice");
        assertThat(parser.guard(none, false, "alice").request().userId()).isEqualTo("alice");
        assertThat(parser.guard(other, false, null).request().userId()).isEqualTo("mallory");
        byte[] pipeline = "{\"guards\":[\"tokenguard\",\"trustguard\"],\"payload\":{\"text\":\"x\"},\"user_id\":\"mallory\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PipelineCall p = parser.pipeline(pipeline, false, "alice");
        assertThat(p.pipeline().userId()).isEqualTo("alice");
        assertThat(p.members()).allSatisfy(m -> assertThat(m.userId()).isEqualTo("alice"));
        // The body's user_id is still checked: a malformed one is refused whoever calls.
        assertThatThrownBy(() -> parser.guard("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"user_id\":{}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), false, "alice")).isInstanceOf(BadRequest.class);
    }

    @Test
    void everyCallGetsItsOwnRequestId() {
        String body = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"}}";
        assertThat(parser.guard(body, false).request().requestId()).isNotEqualTo(parser.guard(body, false).request().requestId());
    }

    @Test
    void timeoutIsInSeconds() {
        assertThat(parser.guard("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"timeout\":0.25}", false)
                .deadline()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void asyncByPreferHeaderByModeOrByCallback() {
        String plain = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"}}";
        assertThat(parser.guard(plain, false).async()).isFalse();
        assertThat(parser.guard(plain, true).async()).isTrue();
        assertThat(parser.guard(plain, true).request().deadlineAt()).isNull();
        assertThat(parser.guard("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"mode\":\"async\"}",
                false).async()).isTrue();
        GuardCall cb = parser.guard("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},"
                + "\"callback_url\":\"https://hooks.example.com/guard?x=1\"}", false);
        assertThat(cb.async()).isTrue();
        assertThat(cb.callbackUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("hooks.example.com"));
        assertThatThrownBy(() -> parser.guard("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},"
                + "\"callback_url\":\"ftp://x/y\"}", false)).hasMessageContaining("http or https");
        assertThatThrownBy(() -> parser.guard("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},"
                + "\"callback_url\":\"https://u:p@x/y\"}", false)).hasMessageContaining("credentials");
        assertThatThrownBy(() -> parser.guard("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},"
                + "\"mode\":\"later\"}", false)).hasMessageContaining("mode");
    }

    @Test
    void aPipelineHasOneMemberRequestPerGuardWithIdsTheTopologyCanGroup() {
        PipelineCall call = parser.pipeline("{\"guards\":[\"tokenguard\",\"trustguard\"],\"payload\":{\"text\":\"x\"},"
                + "\"session_id\":\"s1\",\"timeout\":3}", false);
        assertThat(call.members()).hasSize(2);
        assertThat(call.members().get(1).requestId()).isEqualTo(call.id() + ":trustguard");
        assertThat(dev.aiguardian.schemas.PipelineRequest.pipelineOf(call.members().get(1).requestId()))
                .contains(call.id());
        assertThat(call.pipeline().deadlineAt()).isEqualTo(Instant.parse("2026-11-25T10:00:03Z"));
        assertThat(SchemaCatalog.PIPELINE_REQUEST.violations(Json.tree(call.pipeline()))).isEmpty();
        for (var m : call.members()) {
            assertThat(SchemaCatalog.GUARD_REQUEST.violations(Json.tree(m))).isEmpty();
        }
        assertThatThrownBy(() -> parser.pipeline("{\"guards\":[],\"payload\":{\"text\":\"x\"}}", false))
                .hasMessageContaining("non-empty");
        assertThatThrownBy(() -> parser.pipeline("{\"guards\":[\"tokenguard\",\"tokenguard\"],\"payload\":{\"text\":\"x\"}}",
                false)).hasMessageContaining("twice");
        assertThatThrownBy(() -> parser.pipeline("{\"guards\":[\"nope\"],\"payload\":{\"text\":\"x\"}}", false))
                .hasMessageContaining("tokenguard, trustguard");
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> parser.guard("nope", false)).isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).slug).isEqualTo("malformed-json"));
        assertThatThrownBy(() -> parser.guard("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"user_id\":{}}", false))
                .hasMessageContaining("user_id");
        assertThatThrownBy(() -> parser.guard("{\"service_type\":\"TokenGuard\",\"payload\":{\"text\":\"x\"}}", false))
                .hasMessageContaining("tokenguard, trustguard");
    }

    @Test
    void failOpenComesFromTheRequestElseFromTheGatewaySetting() {
        String plain = "{\"service_type\":\"trustguard\",\"payload\":{\"text\":\"x\"}}";
        String open = "{\"service_type\":\"trustguard\",\"payload\":{\"text\":\"x\"},\"fail_open\":true}";
        String closed = "{\"service_type\":\"trustguard\",\"payload\":{\"text\":\"x\"},\"fail_open\":false}";
        CallParser openByDefault = new CallParser(Duration.ofSeconds(30), Duration.ofMinutes(5), true,
                Clock.systemUTC());
        assertThat(parser.guard(plain, false).failOpen()).isFalse();
        assertThat(parser.guard(open, false).failOpen()).isTrue();
        assertThat(openByDefault.guard(plain, false).failOpen()).isTrue();
        assertThat(openByDefault.guard(closed, false).failOpen()).isFalse();
        PipelineCall pipeline = parser.pipeline("{\"guards\":[\"tokenguard\",\"trustguard\"],"
                + "\"payload\":{\"text\":\"x\"},\"fail_open\":true}", false);
        assertThat(pipeline.failOpen()).isTrue();
        // The topology decides a pipeline's verdict: the announcement carries the choice.
        assertThat(Json.tree(pipeline.pipeline()).get("fail_open").asBoolean()).isTrue();
        assertThat(SchemaCatalog.PIPELINE_REQUEST.violations(Json.tree(pipeline.pipeline()))).isEmpty();
        assertThatThrownBy(() -> parser.guard("{\"service_type\":\"trustguard\",\"payload\":{\"text\":\"x\"},"
                + "\"fail_open\":\"yes\"}", false)).hasMessageContaining("fail_open must be true or false");
    }

    @Test
    void fallbackEnabledIsTheOriginalNameOfFailOpen() {
        String base = "{\"service_type\":\"trustguard\",\"payload\":{\"text\":\"x\"}";
        assertThat(parser.guard(base + ",\"fallback_enabled\":true}", false).failOpen()).isTrue();
        assertThat(parser.guard(base + "}", false).failOpen()).isFalse();
        // fail_open wins when a client sends both.
        assertThat(parser.guard(base + ",\"fallback_enabled\":true,\"fail_open\":false}", false).failOpen()).isFalse();
        assertThatThrownBy(() -> parser.guard(base + ",\"fallback_enabled\":\"yes\"}", false))
                .hasMessageContaining("fallback_enabled must be true or false");
    }

    @Test
    void priorityIsOneToTenAndFiveWhenAbsent() {
        String base = "{\"service_type\":\"trustguard\",\"payload\":{\"text\":\"x\"}";
        assertThat(parser.guard(base + "}", false).priority()).isEqualTo(5);
        assertThat(parser.guard(base + ",\"priority\":10}", false).priority()).isEqualTo(10);
        assertThat(parser.pipeline("{\"guards\":[\"trustguard\"],\"payload\":{\"text\":\"x\"},\"priority\":9}", false)
                .priority()).isEqualTo(9);
        for (String bad : new String[] {"0", "11", "2.5", "\"high\""}) {
            assertThatThrownBy(() -> parser.guard(base + ",\"priority\":" + bad + "}", false))
                    .hasMessageContaining("priority must be a whole number from 1");
        }
    }

    @Test
    void anAliasBodyIsThePayloadWithTheCallsFieldsBesideIt() {
        GuardCall call = parser.alias(ServiceType.TRUSTGUARD, "{\"text\":\"hi\",\"redaction\":\"mask\",\"priority\":8,\"timeout\":2}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), false, "u-1", "s-1", null);
        assertThat(call.request().serviceType()).isEqualTo(ServiceType.TRUSTGUARD);
        assertThat(call.payload().path("text").asText()).isEqualTo("hi");
        assertThat(call.payload().path("redaction").asText()).isEqualTo("mask");
        assertThat(call.payload().has("priority")).isFalse();
        assertThat(call.priority()).isEqualTo(8);
        assertThat(call.deadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(call.request().userId()).isEqualTo("u-1");
        assertThat(call.request().sessionId()).isEqualTo("s-1");
        // A process-style body works too, and its own ids win over the headers.
        GuardCall process = parser.alias(ServiceType.BIASGUARD, "{\"payload\":{\"text\":\"x\"},\"user_id\":\"body\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), false, "header", null, null);
        assertThat(process.request().userId()).isEqualTo("body");
        // A token's sub wins over the body and the header, as on /process.
        GuardCall token = parser.alias(ServiceType.TRUSTGUARD, "{\"text\":\"x\",\"user_id\":\"body\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), false, "header", null, "sub-1");
        assertThat(token.request().userId()).isEqualTo("sub-1");
        assertThat(process.request().serviceType()).isEqualTo(ServiceType.BIASGUARD);
    }
}
