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
                "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"test\"},\"user_id\":\"test\",\"session_id\":\"test\"}");
        assertThat(call.request().serviceType()).isEqualTo(ServiceType.TOKENGUARD);
        assertThat(call.deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(call.request().deadlineAt()).isEqualTo(Instant.parse("2026-11-25T10:00:30Z"));
        assertThat(call.request().partitionKey()).isEqualTo("test");
        assertThat(SchemaCatalog.GUARD_REQUEST.violations(Json.tree(call.request()))).isEmpty();
    }

    @Test
    void everyCallGetsItsOwnRequestId() {
        String body = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"}}";
        assertThat(parser.parse(body).request().requestId()).isNotEqualTo(parser.parse(body).request().requestId());
    }

    @Test
    void timeoutIsInSeconds() {
        assertThat(parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"timeout\":0.25}")
                .deadline()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> parser.parse("nope")).isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).slug).isEqualTo("malformed-json"));
        assertThatThrownBy(() -> parser.parse("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"user_id\":{}}"))
                .hasMessageContaining("user_id");
        assertThatThrownBy(() -> parser.parse("{\"service_type\":\"TokenGuard\",\"payload\":{\"text\":\"x\"}}"))
                .hasMessageContaining("tokenguard, trustguard");
    }
}
