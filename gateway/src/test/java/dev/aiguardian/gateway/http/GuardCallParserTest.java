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

class GuardCallParserTest {
    private final GuardCallParser parser = new GuardCallParser(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void theSeedRequestBecomesASchemaValidGuardRequest() {
        GuardCall call = parser.parse(
                "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"test\"},\"user_id\":\"test\",\"session_id\":\"test\"}", false);
        assertThat(call.request().serviceType()).isEqualTo(ServiceType.TOKENGUARD);
        assertThat(call.deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(call.request().deadlineAt()).isEqualTo(Instant.parse("2026-11-25T10:00:30Z"));
        assertThat(call.request().partitionKey()).isEqualTo("test");
        assertThat(SchemaCatalog.GUARD_REQUEST.violations(Json.tree(call.request()))).isEmpty();
    }

    @Test
    void everyCallGetsItsOwnRequestId() {
        String body = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"}}";
        assertThat(parser.parse(body, false).request().requestId()).isNotEqualTo(parser.parse(body, false).request().requestId());
    }

    @Test
    void timeoutIsInSeconds() {
        assertThat(parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"timeout\":0.25}", false)
                .deadline()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void asyncByPreferHeaderByModeOrByCallback() {
        String plain = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"}}";
        assertThat(parser.parse(plain, false).async()).isFalse();
        assertThat(parser.parse(plain, true).async()).isTrue();
        assertThat(parser.parse(plain, true).request().deadlineAt()).isNull();
        assertThat(parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"mode\":\"async\"}",
                false).async()).isTrue();
        GuardCall cb = parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},"
                + "\"callback_url\":\"https://hooks.example.com/guard?x=1\"}", false);
        assertThat(cb.async()).isTrue();
        assertThat(cb.callbackUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("hooks.example.com"));
        assertThatThrownBy(() -> parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},"
                + "\"callback_url\":\"ftp://x/y\"}", false)).hasMessageContaining("http or https");
        assertThatThrownBy(() -> parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},"
                + "\"callback_url\":\"https://u:p@x/y\"}", false)).hasMessageContaining("credentials");
        assertThatThrownBy(() -> parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},"
                + "\"mode\":\"later\"}", false)).hasMessageContaining("mode");
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> parser.parse("nope", false)).isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).slug).isEqualTo("malformed-json"));
        assertThatThrownBy(() -> parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"user_id\":{}}", false))
                .hasMessageContaining("user_id");
        assertThatThrownBy(() -> parser.parse("{\"service_type\":\"TokenGuard\",\"payload\":{\"text\":\"x\"}}", false))
                .hasMessageContaining("tokenguard, trustguard");
    }
}
