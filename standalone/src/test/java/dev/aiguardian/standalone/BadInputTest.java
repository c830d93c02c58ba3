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

    // ---- what a fuzz of the running gateway found: each was a 500, a bare status or no answer ----

    private RawHttp.Response raw(String request) throws Exception {
        try (RawHttp raw = new RawHttp(gateway.port(), 10_000)) {
            return raw.exchange(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    request.startsWith("HEAD "));
        }
    }

    private static String post(String headers, String body) {
        return "POST /api/v1/guards/process HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + API_KEY + "\r\n"
                + headers + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1).length
                + "\r\n\r\n" + body;
    }

    private static void assertRawProblem(RawHttp.Response r, int status, String type, String detailPart)
            throws Exception {
        assertThat(r.status()).as(r.failure() != null ? r.failure() : r.bodyText()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        com.fasterxml.jackson.databind.JsonNode p = dev.aiguardian.schemas.Json.mapper().readTree(r.body());
        assertThat(p.get("type").asText()).endsWith("/" + type);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).contains(detailPart).doesNotContain("Exception");
    }

    @Test
    void emptyBody() throws Exception {
        assertRawProblem(raw(post("Content-Type: application/json\r\n", "")), 400, "empty-body", "empty");
    }

    @Test
    void jsonNestedDeeperThanTheLimit() throws Exception {
        String deep = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\",\"o\":" + "[".repeat(500)
                + "]".repeat(500) + "}}";
        assertRawProblem(raw(post("Content-Type: application/json\r\n", deep)), 400, "json-too-deep", "100 levels");
        // Just inside the limit it is read (and refused for what it is, not for its depth).
        String fine = "{\"service_type\":\"nosuch\",\"payload\":{\"text\":\"x\",\"o\":" + "[".repeat(90)
                + "]".repeat(90) + "}}";
        assertRawProblem(raw(post("Content-Type: application/json\r\n", fine)), 400, "unknown-service-type", "nosuch");
    }

    @Test
    void mediaTypesCharsetsAndEncodingsOtherThanUtf8JsonAre415() throws Exception {
        String body = "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"x\"}}";
        RawHttp.Response multipart = raw(post("Content-Type: multipart/form-data; boundary=x\r\n", body));
        assertRawProblem(multipart, 415, "unsupported-media-type", "application/json");
        assertThat(multipart.header("Accept-Post")).isEqualTo("application/json");
        assertRawProblem(raw(post("Content-Type: application/json; charset=ebcdic\r\n", body)), 415,
                "unsupported-charset", "UTF-8");
        assertRawProblem(raw(post("Content-Type: application/json\r\nContent-Encoding: gzip\r\n", body)), 415,
                "unsupported-content-encoding", "uncompressed");
        assertRawProblem(raw(post("Content-Type: ;\r\n", body)), 415, "unsupported-media-type", "application/json");
    }

    @Test
    void unknownTransferEncodingIs400AndClosesTheConnection() throws Exception {
        RawHttp.Response r = raw("POST /api/v1/guards/process HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + API_KEY + "\r\nContent-Type: application/json\r\nTransfer-Encoding: foo\r\n\r\n{}");
        assertRawProblem(r, 400, "unsupported-transfer-encoding", "chunked");
        assertThat(r.closesConnection()).isTrue();
    }

    @Test
    void aBrokenChunkIsAnsweredNotDropped() throws Exception {
        RawHttp.Response r = raw("POST /api/v1/guards/process HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + API_KEY + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertRawProblem(r, 400, "malformed-body", "chunk");
    }

    @Test
    void theHttpServersOwnRefusalsAreProblemsToo() throws Exception {
        assertRawProblem(raw("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414,
                "uri-too-long", "4096");
        assertRawProblem(raw("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(9000)
                + "\r\n\r\n"), 431, "headers-too-large", "8192");
        assertRawProblem(raw("GET /health/live HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n"), 400,
                "malformed-request", "HTTP/1.1");
        assertRawProblem(raw("GET /health/live HTTP/1.1\r\nContent-Length: abc\r\n\r\n"), 400,
                "malformed-request", "Content-Length");
        // Vert.x answers an unknown version with a bare 501 of its own.
        assertRawProblem(raw("GET /health/live HTTP/2.0\r\nHost: localhost\r\n\r\n"), 400,
                "unsupported-http-version", "HTTP/1.1");
        assertRawProblem(raw("GET /api/v1/guards/jobs/%zz HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + API_KEY + "\r\n\r\n"), 400, "bad-request", "could not be read");
        assertRawProblem(raw(post("Content-Type: application/json\r\nExpect: teapot\r\n", "{}")), 417,
                "expectation-failed", "100-continue");
    }

    @Test
    void stringsThatAreNotUnicodeAreRefused() throws Exception {
        assertRawProblem(raw(post("Content-Type: application/json\r\n",
                "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"a\\ud800b\"}}")), 400, "invalid-request",
                "unpaired surrogate");
    }

    @Test
    void headAnswersEveryGetRouteWithTheSameHeadersAndNoBody() throws Exception {
        for (String path : java.util.List.of("/health/live", "/health/ready", "/metrics", "/api/v1/guards/services",
                "/api/v1/guards/jobs/no-such-job", "/api/v1/usage/nobody")) {
            String auth = "Authorization: Bearer " + API_KEY + "\r\n";
            RawHttp.Response get = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n");
            RawHttp.Response head = raw("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n");
            assertThat(head.status()).as(path).isEqualTo(get.status()).isLessThan(500);
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).as(path).isNotNull();
            if (!path.equals("/metrics") && !path.equals("/health/ready") && !path.equals("/api/v1/guards/services")) {
                // The others change between two calls (counters, timings); these must match to the byte.
                assertThat(head.header("Content-Length")).as(path).isEqualTo(get.header("Content-Length"));
            }
            assertThat(head.body()).as(path).isEmpty();
        }
    }

    @Test
    void methodNotAllowedSaysWhichAre() throws Exception {
        RawHttp.Response r = raw("PUT /health/live HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
        assertRawProblem(r, 405, "method-not-allowed", "PUT");
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    }
}
