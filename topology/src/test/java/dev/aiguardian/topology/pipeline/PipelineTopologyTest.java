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
    private TestInputTopic<String, byte[]> results;
    private TestOutputTopic<String, byte[]> out;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        PipelineTopology.build(builder, 3, Duration.ofMillis(100), "test-topology");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "pipeline-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), p, T0);
        pipelines = driver.createInputTopic(Topics.PIPELINES, new StringSerializer(), new ByteArraySerializer());
        results = driver.createInputTopic(Topics.RESULTS, new StringSerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic(Topics.RESULTS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void announce(String id, List<ServiceType> guards, Duration timeout) {
        PipelineRequest r = new PipelineRequest(id, guards, "u", "s", T0, T0.plus(timeout));
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
        results.pipeInput(id + ":" + guard.wireName(), Json.toBytes(result));
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
    void atTheDeadlineGuardsThatDidNotAnswerAreReportedMissing() {
        String id = PipelineRequest.newId();
        announce(id, List.of(ServiceType.TOKENGUARD, ServiceType.HEALTHGUARD), Duration.ofSeconds(2));
        answer(id, ServiceType.TOKENGUARD, "allow", 0.1);
        assertThat(combined()).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        List<JsonNode> c = combined();
        assertThat(c).hasSize(1);
        assertThat(c.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(c.get(0).at("/result/missing/0").asText()).isEqualTo("healthguard");
        assertThat(SchemaCatalog.GUARD_RESULT.violations(c.get(0))).isEmpty();
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
        List<JsonNode> c = combined();
        assertThat(c).hasSize(1);
        assertThat(c.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(c.get(0).at("/error/type").asText()).isEqualTo("pipeline_timeout");
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
    void ordinaryResultsPassUntouched() {
        results.pipeInput("0b5c-not-a-pipeline", "{\"request_id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(out.readValuesToList()).isEmpty();
    }
}
