package dev.aiguardian.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.PipelineRequest;
import dev.aiguardian.schemas.SchemaCatalog;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;

class PipelineTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> pipelines;
    private TestInputTopic<String, byte[]> members;
    private TestOutputTopic<String, byte[]> out;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        PipelineTopology.build(builder, Duration.ofMillis(100), "test-topology");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "pipeline-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), p, T0);
        pipelines = driver.createInputTopic(Topics.PIPELINES, new StringSerializer(), new ByteArraySerializer());
        members = driver.createInputTopic(Topics.PIPELINE_MEMBERS, new StringSerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic(Topics.RESULTS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void announce(String id, List<ServiceType> guards, Duration timeout) {
        announce(id, guards, timeout, false);
    }

    private void announce(String id, List<ServiceType> guards, Duration timeout, boolean failOpen) {
        PipelineRequest r = new PipelineRequest(id, guards, "u", "s", T0, T0.plus(timeout), failOpen);
        RecordHeaders h = new RecordHeaders();
        h.add(HeaderNames.REPLY_PARTITION, "4".getBytes(StandardCharsets.UTF_8));
        pipelines.pipeInput(new TestRecord<>(id, Json.toBytes(r), h, T0));
    }

    private void answer(String id, ServiceType guard, String verdict, double score) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("request_id", id + ":" + guard.wireName());
        result.put("service_type", guard.wireName());
        result.put("status", "completed");
        result.put("verdict", verdict);
        result.put("score", score);
        result.putObject("result").put("token_count", 3).put("encoding", "cl100k_base");
        result.putObject("timing").put("total_ms", 3).put("queue_ms", 1).put("processing_ms", 2);
        result.put("worker", "w");
        result.put("completed_at", T0.toString());
        publish(id + ":" + guard.wireName(), Json.toBytes(result));
    }

    private void fail(String id, ServiceType guard, String type, String message) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("request_id", id + ":" + guard.wireName());
        result.put("service_type", guard.wireName());
        result.put("status", "failed");
        result.putObject("error").put("type", type).put("message", message);
        result.put("worker", "w");
        result.put("completed_at", T0.toString());
        publish(id + ":" + guard.wireName(), Json.toBytes(result));
    }

    /** A member's result as its publisher copies it for the pipeline topology (GuardRecords.pipelineMember). */
    private void publish(String requestId, byte[] result) {
        var member = GuardRecords.pipelineMember(requestId, result, new RecordHeaders()).orElseThrow();
        assertThat(member.topic()).isEqualTo(Topics.PIPELINE_MEMBERS);
        members.pipeInput(member.key(), member.value());
    }

    private JsonNode only() {
        List<JsonNode> c = combined();
        assertThat(c).hasSize(1);
        assertThat(SchemaCatalog.GUARD_RESULT.violations(c.get(0))).isEmpty();
        return c.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<JsonNode> combined() {
        return out.readValuesToList().stream().map(v -> {
            try {
                return Json.mapper().readTree(v);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).filter(n -> "pipeline".equals(n.path("service_type").asText())).toList();
    }

    @Test
    void allGuardsAnsweredGivesOneCombinedResultWithTheStrictestVerdictAndHighestScore() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TOKENGUARD, ServiceType.TRUSTGUARD, ServiceType.BIASGUARD), Duration.ofSeconds(5));
        answer(id, ServiceType.TOKENGUARD, "allow", 0.0);
        answer(id, ServiceType.TRUSTGUARD, "block", 0.97);
        assertThat(combined()).isEmpty();
        answer(id, ServiceType.BIASGUARD, "flag", 0.4);
        List<JsonNode> c = combined();
        assertThat(c).hasSize(1);
        JsonNode r = c.get(0);
        assertThat(r.get("request_id").asText()).isEqualTo(id);
        assertThat(r.get("verdict").asText()).isEqualTo("block");
        assertThat(r.get("score").asDouble()).isEqualTo(0.97);
        assertThat(r.at("/result/guards").size()).isEqualTo(3);
        assertThat(r.at("/result/missing")).isEmpty();
        assertThat(r.at("/result/not_run")).isEmpty();
        assertThat(r.at("/result/fail_open").asBoolean()).isFalse();
        assertThat(r.at("/result/reason").isMissingNode()).isTrue();
        assertThat(SchemaCatalog.GUARD_RESULT.violations(r)).isEmpty();
    }

    @Test
    void resultsBeforeTheAnnouncementStillCount() {
        String id = PipelineRequest.newId();
        answer(id, ServiceType.TOKENGUARD, "flag", 0.6);
        announce(id, List.of(ServiceType.TOKENGUARD), Duration.ofSeconds(5));
        List<JsonNode> c = combined();
        assertThat(c).hasSize(1);
        assertThat(c.get(0).get("verdict").asText()).isEqualTo("flag");
    }

    @Test
    void atTheDeadlineAMissingGuardBlocksWhatTheOthersAllowed() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TOKENGUARD, ServiceType.HEALTHGUARD), Duration.ofSeconds(2));
        answer(id, ServiceType.TOKENGUARD, "allow", 0.1);
        assertThat(combined()).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        JsonNode c = only();
        assertThat(c.get("status").asText()).isEqualTo("completed");
        assertThat(c.get("verdict").asText()).isEqualTo("block");
        assertThat(c.get("score").asDouble()).isEqualTo(1.0);
        assertThat(texts(c.at("/result/missing"))).containsExactly("healthguard");
        assertThat(texts(c.at("/result/not_run"))).containsExactly("healthguard");
        assertThat(c.at("/result/failed")).isEmpty();
        assertThat(c.at("/result/reason").asText()).contains("healthguard did not answer", "fails closed");
        assertThat(c.at("/result/guards/tokenguard/verdict").asText()).isEqualTo("allow");
        // Nothing more later: the pipeline is done and its state gone.
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        assertThat(combined()).isEmpty();
        assertThat(driver.getKeyValueStore(PipelineTopology.STORE).get(id)).isNull();
    }

    @Test
    void aPipelineNobodyAnsweredFailsAtItsDeadline() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.HEALTHGUARD), Duration.ofSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        JsonNode c = only();
        assertThat(c.get("status").asText()).isEqualTo("failed");
        assertThat(c.has("verdict")).isFalse();
        assertThat(c.at("/error/type").asText()).isEqualTo("pipeline_timeout");
        assertThat(texts(c.at("/result/not_run"))).containsExactly("healthguard");
    }

    @Test
    void aFailedGuardBlocksEvenWhenEveryOtherGuardAllows() {
        // The repro: trustguard refuses a bogus option, tokenguard allows: never "allow, score 0".
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TRUSTGUARD, ServiceType.TOKENGUARD), Duration.ofSeconds(5));
        fail(id, ServiceType.TRUSTGUARD, "invalid_option", "payload.detectors contains unknown detector 'bogus'");
        answer(id, ServiceType.TOKENGUARD, "allow", 0.0);
        JsonNode c = only();
        assertThat(c.get("status").asText()).isEqualTo("completed");
        assertThat(c.get("verdict").asText()).isEqualTo("block");
        assertThat(c.get("score").asDouble()).isEqualTo(1.0);
        assertThat(texts(c.at("/result/failed"))).containsExactly("trustguard");
        assertThat(texts(c.at("/result/not_run"))).containsExactly("trustguard");
        assertThat(c.at("/result/missing")).isEmpty();
        assertThat(c.at("/result/reason").asText()).contains("trustguard failed (invalid_option", "bogus");
    }

    @Test
    void failOpenSkipsGuardsThatDidNotRunAndSaysSo() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TOKENGUARD, ServiceType.TRUSTGUARD), Duration.ofSeconds(2), true);
        answer(id, ServiceType.TOKENGUARD, "flag", 0.3);
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        JsonNode c = only();
        assertThat(c.get("status").asText()).isEqualTo("completed");
        assertThat(c.get("verdict").asText()).isEqualTo("flag");
        assertThat(c.get("score").asDouble()).isEqualTo(0.3);
        assertThat(c.at("/result/fail_open").asBoolean()).isTrue();
        assertThat(texts(c.at("/result/not_run"))).containsExactly("trustguard");
        assertThat(c.at("/result/reason").asText()).contains("fail_open");
    }

    @Test
    void failOpenWithNoGuardAnsweringAllowsAndListsThemAll() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TRUSTGUARD, ServiceType.HEALTHGUARD), Duration.ofSeconds(1), true);
        fail(id, ServiceType.TRUSTGUARD, "guard_error", "exploded");
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        JsonNode c = only();
        assertThat(c.get("status").asText()).isEqualTo("completed");
        assertThat(c.get("verdict").asText()).isEqualTo("allow");
        assertThat(c.get("score").asDouble()).isEqualTo(0.0);
        assertThat(texts(c.at("/result/not_run"))).containsExactly("trustguard", "healthguard");
        assertThat(texts(c.at("/result/failed"))).containsExactly("trustguard");
        assertThat(texts(c.at("/result/missing"))).containsExactly("healthguard");
    }

    @Test
    void failOpenNeverWeakensTheVerdictOfAGuardThatRan() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TRUSTGUARD, ServiceType.HEALTHGUARD), Duration.ofSeconds(5), true);
        answer(id, ServiceType.TRUSTGUARD, "block", 0.9);
        fail(id, ServiceType.HEALTHGUARD, "guard_error", "exploded");
        JsonNode c = only();
        assertThat(c.get("verdict").asText()).isEqualTo("block");
        assertThat(c.get("score").asDouble()).isEqualTo(0.9);
    }

    @Test
    void whenEveryGuardFailedThereIsNoVerdict() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TRUSTGUARD, ServiceType.HEALTHGUARD), Duration.ofSeconds(5));
        fail(id, ServiceType.TRUSTGUARD, "guard_error", "exploded");
        fail(id, ServiceType.HEALTHGUARD, "invalid_option", "payload.expected_format 'xml' is not supported");
        JsonNode c = only();
        assertThat(c.get("status").asText()).isEqualTo("failed");
        assertThat(c.has("verdict")).isFalse();
        assertThat(c.at("/error/type").asText()).isEqualTo("pipeline_failed");
        assertThat(texts(c.at("/result/not_run"))).containsExactly("trustguard", "healthguard");
    }

    @Test
    void whenEveryGuardRefusedAnOptionThePipelineSaysInvalidOption() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TRUSTGUARD), Duration.ofSeconds(5));
        fail(id, ServiceType.TRUSTGUARD, "invalid_option", "payload.detectors contains unknown detector 'bogus'");
        JsonNode c = only();
        assertThat(c.get("status").asText()).isEqualTo("failed");
        assertThat(c.at("/error/type").asText()).isEqualTo("invalid_option");
        assertThat(c.at("/error/message").asText()).contains("bogus");
    }

    @Test
    void anAnnouncementWithoutFailOpenFailsClosed() {
        // Written by a gateway that predates fail_open: the field is absent.
        String id = PipelineRequest.newId();
        ObjectNode raw = (ObjectNode) Json.tree(new PipelineRequest(id, List.of(ServiceType.TOKENGUARD,
                ServiceType.TRUSTGUARD), "u", "s", T0, T0.plusSeconds(1), true));
        raw.remove("fail_open");
        assertThat(SchemaCatalog.PIPELINE_REQUEST.violations(raw)).isEmpty();
        pipelines.pipeInput(new TestRecord<>(id, Json.toBytes(raw), new RecordHeaders(), T0));
        answer(id, ServiceType.TOKENGUARD, "allow", 0.0);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        JsonNode c = only();
        assertThat(c.get("verdict").asText()).isEqualTo("block");
        assertThat(c.at("/result/fail_open").asBoolean()).isFalse();
    }

    @Test
    void aRedeliveredResultChangesNothing() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TOKENGUARD, ServiceType.TRUSTGUARD), Duration.ofSeconds(5));
        answer(id, ServiceType.TOKENGUARD, "allow", 0.0);
        answer(id, ServiceType.TOKENGUARD, "block", 1.0);
        answer(id, ServiceType.TRUSTGUARD, "allow", 0.2);
        JsonNode c = combined().get(0);
        assertThat(c.get("verdict").asText()).isEqualTo("allow");
        assertThat(c.get("score").asDouble()).isEqualTo(0.2);
    }

    @Test
    void readsOnlyAnnouncementsAndMembersNotEveryResult() {
        StreamsBuilder builder = new StreamsBuilder();
        PipelineTopology.build(builder, Duration.ofMillis(100), "test-topology");
        java.util.Set<String> sources = new java.util.TreeSet<>();
        builder.build().describe().subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof org.apache.kafka.streams.TopologyDescription.Source source) {
                sources.addAll(source.topicSet());
            }
        }));
        assertThat(sources).containsExactly(Topics.PIPELINE_MEMBERS, Topics.PIPELINES);
        assertThat(GuardRecords.pipelineMember("0b5c-not-a-pipeline", new byte[0], new RecordHeaders()))
                .as("an ordinary result is not copied for the pipeline topology").isEmpty();
    }

    @Test
    void aMemberCopyWithoutAnUsableBodyIsIgnored() {
        members.pipeInput(PipelineRequest.newId(), "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(out.readValuesToList()).isEmpty();
    }

    @Test
    void topicsPartitionedDifferentlyStopTheAppWithWhatToDo() {
        PipelineTopology.checkCoPartitioned(12, 12);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PipelineTopology.checkCoPartitioned(12, 6))
                .hasMessageContaining(Topics.PIPELINE_MEMBERS).hasMessageContaining("same partition count");
    }
}
