package dev.aiguardian.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.SchemaCatalog;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.tokens.TokenCounter;
import dev.aiguardian.guards.tokens.TokenGuard;

class RequestProcessorTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TokenGuard tokens = new TokenGuard(new TokenCounter());

    private static ConsumerRecord<String, byte[]> record(byte[] value, String correlationId, String replyPartition) {
        RecordHeaders h = new RecordHeaders();
        if (correlationId != null) {
            h.add(HeaderNames.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        if (replyPartition != null) {
            h.add(HeaderNames.REPLY_PARTITION, replyPartition.getBytes(StandardCharsets.UTF_8));
        }
        h.add(HeaderNames.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes());
        return new ConsumerRecord<>("guard.requests.tokenguard", 2, 41L, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                0, value == null ? 0 : value.length, "key", value, h, java.util.Optional.empty());
    }

    private static byte[] request(String id, String text, Map<String, Object> options) {
        ObjectNode payload = Json.mapper().createObjectNode().put("text", text);
        options.forEach((k, v) -> payload.set(k, Json.tree(v)));
        return Json.toBytes(new GuardRequest(id, ServiceType.TOKENGUARD, payload, "u", "s", NOW.minusMillis(5), null));
    }

    /** A tokenguard whose detector always throws, counting its calls. */
    private static Guard throwing(AtomicInteger calls) {
        return new Guard() {
            @Override
            public ServiceType type() {
                return ServiceType.TOKENGUARD;
            }

            @Override
            public GuardOutcome inspect(GuardInput input) {
                calls.incrementAndGet();
                throw new IllegalStateException("detector blew up");
            }
        };
    }

    private static String header(ProducerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode value(ProducerRecord<String, byte[]> r) throws Exception {
        return Json.mapper().readTree(r.value());
    }

    @Test
    void aGoodRequestBecomesOneSchemaValidResultOnItsReplyPartition() throws Exception {
        RequestProcessor p = new RequestProcessor(tokens, "w1", 3, () -> 12, CLOCK);
        RequestProcessor.Processed out = p.process(record(request("r-1", "hello world", Map.of()), "r-1", "7"));
        assertThat(out.outcome()).isEqualTo(WorkerMetrics.Outcome.COMPLETED);
        assertThat(out.records()).hasSize(1);
        ProducerRecord<String, byte[]> r = out.records().get(0);
        assertThat(r.topic()).isEqualTo(Topics.RESULTS);
        assertThat(r.partition()).isEqualTo(7);
        assertThat(r.key()).isEqualTo("r-1");
        JsonNode result = value(r);
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result)).isEmpty();
        assertThat(result.at("/result/token_count").asInt()).isEqualTo(2);
        assertThat(result.at("/timing/queue_ms").asDouble()).isEqualTo(5.0);
        assertThat(header(r, HeaderNames.CE_ID)).isEqualTo("r-1");
        assertThat(header(r, HeaderNames.CE_TYPE)).isEqualTo(HeaderNames.CE_TYPE_RESULT);
        assertThat(header(r, HeaderNames.VERDICT)).isEqualTo("allow");
        assertThat(header(r, HeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(header(r, HeaderNames.TRACEPARENT)).startsWith("00-0af7651916cd43dd");
    }

    @Test
    void aPipelineMembersResultIsPublishedTwiceOnceForThePipelineTopology() throws Exception {
        String pipeline = dev.aiguardian.schemas.PipelineRequest.newId();
        String member = pipeline + ":tokenguard";
        RequestProcessor p = new RequestProcessor(tokens, "w1", 3, () -> 12, CLOCK);
        RequestProcessor.Processed out = p.process(record(request(member, "hello world", Map.of()), member, "7"));
        assertThat(out.records()).extracting(ProducerRecord::topic)
                .containsExactly(Topics.RESULTS, Topics.PIPELINE_MEMBERS);
        ProducerRecord<String, byte[]> result = out.records().get(0);
        ProducerRecord<String, byte[]> copy = out.records().get(1);
        assertThat(result.key()).isEqualTo(member);
        assertThat(copy.key()).isEqualTo(pipeline);
        assertThat(copy.partition()).as("partitioned by the pipeline id, as the announcement").isNull();
        assertThat(copy.value()).isEqualTo(result.value());
        assertThat(header(copy, HeaderNames.CE_ID)).isEqualTo(member);

        // a member the guard cannot serve: the failed result reaches the pipeline too, next to the dead letter
        RequestProcessor failing = new RequestProcessor(throwing(new AtomicInteger()), "w1", 1, () -> 12, CLOCK);
        assertThat(failing.process(record(request(member, "x", Map.of()), member, "7")).records())
                .extracting(ProducerRecord::topic).containsExactly(Topics.DLQ, Topics.RESULTS, Topics.PIPELINE_MEMBERS);
    }

    @Test
    void aReplyPartitionOutsideTheTopicFallsBackToTheKey() {
        RequestProcessor p = new RequestProcessor(tokens, "w1", 3, () -> 12, CLOCK);
        assertThat(p.process(record(request("r-1", "x", Map.of()), "r-1", "99")).records().get(0).partition()).isNull();
        assertThat(p.process(record(request("r-2", "x", Map.of()), "r-2", null)).records().get(0).partition()).isNull();
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithItsOriginAndItsCallerIsToldAtOnce() throws Exception {
        RequestProcessor p = new RequestProcessor(tokens, "w1", 3, () -> 12, CLOCK);
        byte[] garbage = "this is not json {".getBytes(StandardCharsets.UTF_8);
        RequestProcessor.Processed out = p.process(record(garbage, "r-9", "3"));
        assertThat(out.outcome()).isEqualTo(WorkerMetrics.Outcome.DEAD_LETTERED);
        ProducerRecord<String, byte[]> dlq = out.records().get(0);
        assertThat(dlq.topic()).isEqualTo(Topics.DLQ);
        assertThat(dlq.value()).isEqualTo(garbage);
        assertThat(header(dlq, HeaderNames.DLQ_ORIGINAL_TOPIC)).isEqualTo("guard.requests.tokenguard");
        assertThat(header(dlq, HeaderNames.DLQ_ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(header(dlq, HeaderNames.DLQ_ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(header(dlq, HeaderNames.DLQ_ORIGINAL_TIMESTAMP)).isEqualTo("1700000000000");
        assertThat(header(dlq, HeaderNames.DLQ_EXCEPTION_CLASS)).endsWith("InvalidRequestException");
        assertThat(header(dlq, HeaderNames.DLQ_EXCEPTION_MESSAGE)).contains("not JSON");
        assertThat(header(dlq, HeaderNames.DLQ_WORKER)).isEqualTo("w1");
        ProducerRecord<String, byte[]> failed = out.records().get(1);
        assertThat(failed.topic()).isEqualTo(Topics.RESULTS);
        assertThat(failed.partition()).isEqualTo(3);
        JsonNode result = value(failed);
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.at("/error/type").asText()).isEqualTo("invalid_request");
        assertThat(SchemaCatalog.GUARD_RESULT.violations(result)).isEmpty();
    }

    @Test
    void aRecordThatBreaksTheSchemaIsDeadLettered() {
        RequestProcessor p = new RequestProcessor(tokens, "w1", 3, () -> 12, CLOCK);
        byte[] noText = "{\"request_id\":\"r\",\"service_type\":\"tokenguard\",\"payload\":{},\"submitted_at\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        RequestProcessor.Processed out = p.process(record(noText, null, null));
        assertThat(out.outcome()).isEqualTo(WorkerMetrics.Outcome.DEAD_LETTERED);
        assertThat(header(out.records().get(0), HeaderNames.DLQ_EXCEPTION_MESSAGE)).contains("guard-request.schema.json");
        // No correlation header, but the body named the request: its waiter still learns.
        assertThat(out.records()).hasSize(1);
    }

    @Test
    void aGuardThatKeepsThrowingIsRetriedThenDeadLettered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RequestProcessor p = new RequestProcessor(throwing(calls), "w1", 3, () -> 12, CLOCK);
        RequestProcessor.Processed out = p.process(record(request("r-5", "x", Map.of()), "r-5", "1"));
        assertThat(calls.get()).isEqualTo(3);
        assertThat(out.outcome()).isEqualTo(WorkerMetrics.Outcome.DEAD_LETTERED);
        assertThat(header(out.records().get(0), HeaderNames.DLQ_ATTEMPTS)).isEqualTo("3");
        assertThat(header(out.records().get(0), HeaderNames.DLQ_REASON)).isEqualTo("guard_error");
        JsonNode failed = value(out.records().get(1));
        assertThat(failed.at("/error/message").asText()).contains("detector blew up");
    }

    @Test
    void aGuardThatRecoversOnRetryCompletes() {
        AtomicInteger calls = new AtomicInteger();
        Guard flaky = new Guard() {
            @Override
            public ServiceType type() {
                return ServiceType.TOKENGUARD;
            }

            @Override
            public GuardOutcome inspect(GuardInput input) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("transient");
                }
                return tokens.inspect(input);
            }
        };
        RequestProcessor.Processed out = new RequestProcessor(flaky, "w1", 3, () -> 12, CLOCK)
                .process(record(request("r-6", "x", Map.of()), "r-6", "1"));
        assertThat(out.outcome()).isEqualTo(WorkerMetrics.Outcome.COMPLETED);
        assertThat(out.records()).hasSize(1);
    }

    @Test
    void aBadOptionIsAnsweredNotRetriedNorDeadLettered() throws Exception {
        RequestProcessor p = new RequestProcessor(tokens, "w1", 3, () -> 12, CLOCK);
        RequestProcessor.Processed out = p.process(record(request("r-7", "x", Map.of("max_tokens", -3)), "r-7", "1"));
        assertThat(out.outcome()).isEqualTo(WorkerMetrics.Outcome.FAILED);
        assertThat(out.records()).hasSize(1);
        assertThat(value(out.records().get(0)).at("/error/type").asText()).isEqualTo("invalid_option");
    }

    @Test
    void aRequestForAnotherGuardIsDeadLettered() {
        RequestProcessor p = new RequestProcessor(tokens, "w1", 3, () -> 12, CLOCK);
        byte[] trust = Json.toBytes(new GuardRequest("r-8", ServiceType.TRUSTGUARD,
                Json.mapper().createObjectNode().put("text", "x"), null, null, NOW, null));
        RequestProcessor.Processed out = p.process(record(trust, "r-8", "1"));
        assertThat(out.outcome()).isEqualTo(WorkerMetrics.Outcome.DEAD_LETTERED);
        assertThat(header(out.records().get(0), HeaderNames.DLQ_EXCEPTION_MESSAGE)).contains("trustguard");
    }
}
