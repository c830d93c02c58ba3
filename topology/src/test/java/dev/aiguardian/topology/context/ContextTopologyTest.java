package dev.aiguardian.topology.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.topology.common.Outbound;
import dev.aiguardian.topology.common.ServiceCounters;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.topology.common.StreamsApp;
import dev.aiguardian.guards.context.ContextGuard;
import dev.aiguardian.guards.context.ContextSettings;
import dev.aiguardian.guards.context.DriftSettings;
import dev.aiguardian.guards.context.MemoryLimits;
import dev.aiguardian.guards.context.SessionMemory;
import dev.aiguardian.guards.tokens.TokenCounter;

/** The session store behind ContextGuard: turns accumulate, drift is flagged, reset and TTL clear it. */
class ContextTopologyTest {
    private static final TokenCounter COUNTER = new TokenCounter();
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> requests;
    private TestOutputTopic<String, byte[]> results;
    private TestOutputTopic<String, byte[]> dlq;
    private TestOutputTopic<String, byte[]> members;
    private final ServiceCounters counters = new ServiceCounters();
    private int seq;

    @BeforeEach
    void start() {
        ContextGuard guard = new ContextGuard(COUNTER, new ContextSettings(
                new MemoryLimits(50, 16_000, Duration.ofMinutes(30)), DriftSettings.DEFAULT, 4096,
                TokenCounter.Bpe.CL100K_BASE));
        Properties props = StreamsApp.properties(KafkaSettings.of("unused:9092"), "context-test", state);
        driver = new TopologyTestDriver(ContextTopology.build(guard, "test-instance", Duration.ofMinutes(1), counters,
                Clock.fixed(T0, ZoneOffset.UTC)), props, T0);
        requests = driver.createInputTopic(ServiceType.CONTEXTGUARD.requestTopic(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        results = driver.createOutputTopic(Topics.RESULTS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        members = driver.createOutputTopic(Topics.PIPELINE_MEMBERS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private JsonNode say(String session, String text, Map<String, Object> options) {
        seq++;
        ObjectNode payload = Json.mapper().createObjectNode().put("text", text);
        options.forEach((k, v) -> payload.set(k, Json.tree(v)));
        ObjectNode req = Json.mapper().createObjectNode()
                .put("request_id", "req-" + seq)
                .put("service_type", "contextguard")
                .put("user_id", "alice")
                .put("session_id", session)
                .put("submitted_at", T0.plusSeconds(seq * 10L).toString());
        req.set("payload", payload);
        Headers h = new RecordHeaders();
        h.add(HeaderNames.CORRELATION_ID, ("req-" + seq).getBytes(StandardCharsets.UTF_8));
        h.add(HeaderNames.REPLY_PARTITION, "7".getBytes(StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>(session, Json.toBytes(req), h, T0.plusSeconds(seq * 10L)));
        TestRecord<String, byte[]> out = results.readRecord();
        assertThat(out.key()).isEqualTo("req-" + seq);
        assertThat(results.isEmpty()).isTrue();
        return tree(out.value());
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private KeyValueStore<String, SessionMemory> store() {
        return driver.getKeyValueStore(ContextTopology.SESSION_STORE);
    }

    @Test
    void turnsAccumulateInTheStoreAndAnOffTopicTurnIsFlagged() {
        assertThat(say("s1", "I want to bake sourdough bread with my new starter.", Map.of())
                .at("/result/turn_count").asInt()).isEqualTo(1);
        say("s1", "How long should the dough proof before it goes in the oven?", Map.of());
        JsonNode third = say("s1", "My loaf has a pale crust, should I bake it hotter?", Map.of());
        assertThat(third.get("status").asText()).isEqualTo("completed");
        assertThat(third.get("verdict").asText()).isEqualTo("allow");
        assertThat(third.at("/result/turn_count").asInt()).isEqualTo(3);
        assertThat(third.at("/result/context_window")).hasSize(3);
        assertThat(store().get("s1").turns()).hasSize(3);

        JsonNode off = say("s1", "Which index funds have the lowest expense ratio for retirement?", Map.of());
        assertThat(off.get("verdict").asText()).isEqualTo("flag");
        assertThat(off.at("/result/drift").asBoolean()).isTrue();
        assertThat(off.at("/result/drift_score").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(off.get("worker").asText()).isEqualTo("test-instance");

        // Another session is independent of the first.
        assertThat(say("s2", "Tell me about Roman aqueducts.", Map.of()).at("/result/turn_count").asInt()).isEqualTo(1);
        assertThat(store().get("s1").turns()).hasSize(4);
        assertThat(counters.completedCount()).isEqualTo(5);
    }

    @Test
    void resultsCarryTheWorkersHeadersAndNameTheReplyPartition() {
        seq++;
        ObjectNode req = Json.mapper().createObjectNode().put("request_id", "req-h").put("service_type", "contextguard")
                .put("session_id", "s-h").put("user_id", "bob").put("submitted_at", T0.toString());
        req.putObject("payload").put("text", "hello");
        Headers h = new RecordHeaders();
        h.add(HeaderNames.REPLY_PARTITION, "5".getBytes(StandardCharsets.UTF_8));
        h.add(HeaderNames.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(
                StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>("s-h", Json.toBytes(req), h, T0));
        TestRecord<String, byte[]> out = results.readRecord();
        assertThat(header(out.headers(), HeaderNames.CE_ID)).isEqualTo("req-h");
        assertThat(header(out.headers(), HeaderNames.CE_TYPE)).isEqualTo(HeaderNames.CE_TYPE_RESULT);
        assertThat(header(out.headers(), HeaderNames.CE_SUBJECT)).isEqualTo("contextguard");
        assertThat(header(out.headers(), HeaderNames.CORRELATION_ID)).isEqualTo("req-h");
        assertThat(header(out.headers(), HeaderNames.REPLY_PARTITION)).isEqualTo("5");
        assertThat(header(out.headers(), HeaderNames.USER_ID)).isEqualTo("bob");
        assertThat(header(out.headers(), HeaderNames.TRACEPARENT)).startsWith("00-0af7");
        assertThat(header(out.headers(), HeaderNames.CONTENT_TYPE)).isEqualTo("application/json");

        // The partitioner sends the result where the waiting gateway reads; without a usable one, the key decides.
        var partitioner = Outbound.partitioner();
        assertThat(partitioner.partitions(Topics.RESULTS, "k", new Outbound(new byte[0], 5), 12))
                .isEqualTo(Optional.of(Set.of(5)));
        assertThat(partitioner.partitions(Topics.RESULTS, "k", new Outbound(new byte[0], 12), 12)).isEmpty();
        assertThat(partitioner.partitions(Topics.RESULTS, "k", new Outbound(new byte[0], null), 12)).isEmpty();
    }

    @Test
    void aPipelineMembersResultIsAlsoCopiedForThePipelineTopologyKeyedByPipeline() {
        String pipeline = dev.aiguardian.schemas.PipelineRequest.newId();
        String member = pipeline + ":contextguard";
        ObjectNode req = Json.mapper().createObjectNode().put("request_id", member).put("service_type", "contextguard")
                .put("session_id", "s-p").put("user_id", "bob").put("submitted_at", T0.toString());
        req.putObject("payload").put("text", "hello");
        requests.pipeInput(new TestRecord<>("s-p", Json.toBytes(req), new RecordHeaders(), T0));
        TestRecord<String, byte[]> result = results.readRecord();
        TestRecord<String, byte[]> copy = members.readRecord();
        assertThat(result.key()).isEqualTo(member);
        assertThat(copy.key()).isEqualTo(pipeline);
        assertThat(copy.value()).isEqualTo(result.value());
        assertThat(header(copy.headers(), HeaderNames.CE_ID)).isEqualTo(member);
        assertThat(members.isEmpty()).isTrue();

        say("s-q", "an ordinary turn", Map.of());
        assertThat(members.isEmpty()).as("only pipeline members are copied").isTrue();
    }

    @Test
    void resetClearsTheSession() {
        say("s1", "I want to bake sourdough bread with my new starter.", Map.of());
        say("s1", "How long should the dough proof?", Map.of());
        JsonNode reset = say("s1", "Let us talk about chess openings instead.", Map.of("reset", true));
        assertThat(reset.at("/result/reset").asBoolean()).isTrue();
        assertThat(reset.at("/result/turn_count").asInt()).isEqualTo(1);
        assertThat(reset.at("/result/drift").asBoolean()).isFalse();
        assertThat(store().get("s1").turns()).hasSize(1);
    }

    @Test
    void idleSessionsAreDeletedByTheSweepAndStartAfreshOnAccess() {
        say("s1", "I want to bake sourdough bread with my new starter.", Map.of());
        say("s2", "Tell me about Roman aqueducts.", Map.of());
        assertThat(store().approximateNumEntries()).isEqualTo(2);

        driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(store().get("s1")).isNotNull(); // idle 10 min < 30 min TTL

        driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(store().get("s1")).isNull();
        assertThat(store().get("s2")).isNull();

        JsonNode again = say("s1", "Back to bread: what hydration for a first loaf?", Map.of());
        assertThat(again.at("/result/turn_count").asInt()).isEqualTo(1);
    }

    @Test
    void anInvalidOptionIsAFailedResultAndLeavesTheMemoryAlone() {
        say("s1", "I want to bake sourdough bread with my new starter.", Map.of());
        JsonNode bad = say("s1", "and now?", Map.of("role", "narrator"));
        assertThat(bad.get("status").asText()).isEqualTo("failed");
        assertThat(bad.at("/error/type").asText()).isEqualTo("invalid_option");
        assertThat(bad.at("/error/message").asText()).contains("payload.role");
        assertThat(store().get("s1").turns()).hasSize(1);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithErrorHeadersAndAFailedResult() {
        Headers h = new RecordHeaders();
        h.add(HeaderNames.CORRELATION_ID, "req-bad".getBytes(StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>("s1", "{not json".getBytes(StandardCharsets.UTF_8), h, T0));
        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(dead.key()).isEqualTo("req-bad");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead.headers(), HeaderNames.DLQ_REASON)).isEqualTo("invalid_request");
        assertThat(header(dead.headers(), HeaderNames.DLQ_ORIGINAL_TOPIC)).isEqualTo("guard.requests.contextguard");
        assertThat(header(dead.headers(), HeaderNames.DLQ_EXCEPTION_MESSAGE)).contains("not JSON");
        assertThat(header(dead.headers(), HeaderNames.DLQ_WORKER)).isEqualTo("test-instance");
        JsonNode failed = tree(results.readRecord().value());
        assertThat(failed.get("request_id").asText()).isEqualTo("req-bad");
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/type").asText()).isEqualTo("invalid_request");

        // A valid request for the wrong guard is not ours either.
        ObjectNode wrong = Json.mapper().createObjectNode().put("request_id", "req-wrong")
                .put("service_type", "tokenguard").put("submitted_at", T0.toString());
        wrong.putObject("payload").put("text", "x");
        requests.pipeInput(new TestRecord<>("s1", Json.toBytes(wrong), new RecordHeaders(), T0));
        assertThat(header(dlq.readRecord().headers(), HeaderNames.DLQ_EXCEPTION_MESSAGE)).contains("service_type");
        assertThat(store().get("s1")).isNull();
        assertThat(counters.failedCount()).isEqualTo(2);
    }

    private static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
