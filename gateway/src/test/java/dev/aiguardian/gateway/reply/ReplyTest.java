package dev.aiguardian.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.ErrorInfo;
import dev.aiguardian.schemas.GuardResult;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Timing;
import dev.aiguardian.schemas.Verdict;

class ReplyTest {
    /** Refuses duplicate keys, which a careless splice would write. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static byte[] completed() {
        ObjectNode findings = Json.mapper().createObjectNode();
        findings.put("token_count", 7).putArray("issues").addObject().put("type", "over \"limit\"").put("span", "é}");
        return Json.toBytes(GuardResult.completed("r-1", ServiceType.TOKENGUARD, Verdict.FLAG, 0.25, findings,
                new Timing(1.5, 0.5, 0.05), "worker-1@host", Instant.parse("2026-12-01T06:00:00Z")));
    }

    /** What the gateway sent before: the tree with the HTTP fields put on it, written out again. */
    private static byte[] throughTree(byte[] json, String tenant, double seconds) throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(json);
        tree.put("success", true);
        if (tenant != null) {
            tree.put("tenant", tenant);
        }
        tree.put("processing_time", seconds);
        return Json.toBytes(tree);
    }

    @Test
    void aCompletedResultIsSentAsItsOwnBytesWithTheHttpFieldsAfterThem() throws Exception {
        byte[] json = completed();
        Reply reply = Reply.read(json);
        assertThat(reply.status()).isEqualTo("completed");
        assertThat(reply.failed()).isFalse();
        assertThat(new String(reply.httpBody("acme", 0.001234), StandardCharsets.UTF_8))
                .isEqualTo(new String(throughTree(json, "acme", 0.001234), StandardCharsets.UTF_8));
        assertThat(new String(Reply.read(json).httpBody(null, 2.5), StandardCharsets.UTF_8))
                .isEqualTo(new String(throughTree(json, null, 2.5), StandardCharsets.UTF_8));
    }

    @Test
    void whitespaceAfterTheObjectIsNotMistakenForItsEnd() throws Exception {
        byte[] json = (new String(completed(), StandardCharsets.UTF_8) + " \n\t").getBytes(StandardCharsets.UTF_8);
        JsonNode body = STRICT.readTree(Reply.read(json).httpBody(null, 0.5));
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("processing_time").asDouble()).isEqualTo(0.5);
        assertThat(body.path("result").path("token_count").asInt()).isEqualTo(7);
    }

    @Test
    void aResultThatAlreadyCarriesAnHttpFieldGetsItReplacedNotRepeated() throws Exception {
        byte[] json = "{\"request_id\":\"r\",\"status\":\"completed\",\"success\":false,\"tenant\":\"other\"}"
                .getBytes(StandardCharsets.UTF_8);
        JsonNode body = STRICT.readTree(Reply.read(json).httpBody("acme", 0.1));
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("tenant").asText()).isEqualTo("acme");
        assertThat(body.path("request_id").asText()).isEqualTo("r");
    }

    @Test
    void aFailedResultIsKnownWithoutATreeAndItsTreeHasItsError() throws Exception {
        byte[] json = Json.toBytes(GuardResult.failed("r-2", ServiceType.BIASGUARD,
                new ErrorInfo("guard_error", "boom"), null, "w", Instant.EPOCH));
        Reply reply = Reply.read(json);
        assertThat(reply.failed()).isTrue();
        assertThat(reply.tree().path("error").path("message").asText()).isEqualTo("boom");
    }

    @Test
    void aChangedTreeIsWhatGetsSent() throws Exception {
        Reply reply = Reply.read(completed());
        reply.tree().put("verdict", Verdict.BLOCK.wireName());
        assertThat(STRICT.readTree(reply.httpBody(null, 0.2)).path("verdict").asText()).isEqualTo("block");
    }

    @Test
    void aReplyTheGatewayBuiltIsSentFromItsTree() throws Exception {
        ObjectNode pass = Json.mapper().createObjectNode().put("request_id", "r").put("status", "failed")
                .put("verdict", "allow");
        Reply reply = Reply.of(pass);
        assertThat(reply.failed()).isTrue();
        JsonNode body = STRICT.readTree(reply.httpBody("acme", 0.3));
        assertThat(body.path("verdict").asText()).isEqualTo("allow");
        assertThat(body.path("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void anythingButOneWellFormedObjectIsRefused() {
        for (String bad : new String[] {"[1]", "\"x\"", "{\"a\":1", "{\"a\":1}{\"b\":2}", "{\"a\":1} x", "",
                "{\"a\":[1,2}"}) {
            assertThatThrownBy(() -> Reply.read(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anEmptyObjectGetsOnlyTheHttpFields() throws Exception {
        JsonNode body = STRICT.readTree(Reply.read("{}".getBytes(StandardCharsets.UTF_8)).httpBody(null, 0.1));
        assertThat(body.size()).isEqualTo(2);
        assertThat(body.path("success").asBoolean()).isTrue();
    }
}
