package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.aiguardian.gateway.Gateway;

/** Every bad input gets an RFC 9457 problem with a status that says whose fault it is and a detail that says the fix. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final String API_KEY = "test-api-key-0123456789";
    private Gateway gateway;
    private Http http;

    @BeforeAll
    void start(String bootstrap) throws Exception {
        gateway = Pipeline.gateway(bootstrap, Map.of("MAX_BODY_BYTES", "2048", "UNIFIED_API_KEY", API_KEY));
        http = new Http(gateway.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Http.Reply process(String body) {
        return http.post("/api/v1/guards/process", body, "Authorization", "Bearer " + API_KEY);
    }

    private static void assertProblem(Http.Reply r, int status, String type, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).endsWith("/" + type);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asText()).isNotBlank();
        assertThat(r.json().get("detail").asText()).contains(detailPart);
    }

    @Test
    void malformedJson() {
        assertProblem(process("{\"service_type\":"), 400, "malformed-json", "not valid JSON");
    }

    @Test
    void bodyThatIsNotAnObject() {
        assertProblem(process("[1,2]"), 400, "invalid-request", "JSON object");
    }

    @Test
    void unknownServiceTypeNamesTheValidOnes() {
        Http.Reply r = process("{\"service_type\":\"nosuchguard\",\"payload\":{\"text\":\"x\"}}");
        assertProblem(r, 400, "unknown-service-type", "tokenguard");
        assertThat(r.json().get("detail").asText()).contains("trustguard", "contextguard", "biasguard", "healthguard");
        assertThat(r.json().get("valid_service_types")).hasSize(5);
    }

    @Test
    void missingServiceType() {
        assertProblem(process("{\"payload\":{\"text\":\"x\"}}"), 400, "unknown-service-type", "missing");
    }

    @Test
    void missingPayloadText() {
        assertProblem(process("{\"service_type\":\"tokenguard\",\"payload\":{}}"), 400, "invalid-request",
                "payload.text");
        assertProblem(process("{\"service_type\":\"tokenguard\"}"), 400, "invalid-request", "payload");
        assertProblem(process("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":42}}"), 400,
                "invalid-request", "payload.text must be a string");
    }

    @Test
    void badTimeout() {
        assertProblem(process("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"timeout\":-1}"), 400,
                "invalid-request", "timeout");
        assertProblem(process("{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"},\"timeout\":100000}"),
                400, "invalid-request", "at most");
    }

    @Test
    void bodyOverTheLimit() {
        String big = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"" + "a".repeat(4096) + "\"}}";
        assertProblem(process(big), 413, "body-too-large", "2048");
    }

    @Test
    void missingOrWrongApiKey() {
        assertProblem(http.post("/api/v1/guards/process", "{}"), 401, "unauthenticated", "Bearer");
        assertProblem(http.post("/api/v1/guards/process", "{}", "X-API-Key", "wrong-key-wrong-key"), 401,
                "unauthenticated", "X-API-Key");
        // Health stays open for orchestrators.
        assertThat(http.get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void unknownRoute() {
        assertProblem(http.get("/nothing-here"), 404, "not-found", "/nothing-here");
        // Under /api the key is checked first, so that an unauthenticated caller learns nothing about routes.
        assertProblem(http.get("/api/v1/nothing-here"), 401, "unauthenticated", "Bearer");
    }

    @Test
    void requestIdIsPropagated() {
        Http.Reply r = http.post("/api/v1/guards/process", "{", "Authorization", "Bearer " + API_KEY,
                "X-Request-ID", "client-abc-123");
        assertThat(r.headers().firstValue("X-Request-ID")).contains("client-abc-123");
    }
}
