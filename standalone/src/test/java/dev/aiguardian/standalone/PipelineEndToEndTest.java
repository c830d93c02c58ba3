package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.EnumSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.SchemaCatalog;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.kafka.ConsumerGroups.StreamsApplication;
import dev.aiguardian.topology.StreamsServices;
import dev.aiguardian.topology.TopologyConfig;
import dev.aiguardian.workers.WorkerRuntime;

/** Several guards on one text through the real broker and the fan-in topology: one combined verdict. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {
    private WorkerRuntime workers;
    private StreamsServices topology;
    private Gateway gateway;
    private Http http;

    @BeforeAll
    void start(String bootstrap) throws Exception {
        workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD, ServiceType.BIASGUARD, ServiceType.HEALTHGUARD);
        topology = new StreamsServices(TopologyConfig.embedded(bootstrap, Files.createTempDirectory("pipeline-state-"))
                .withApps(EnumSet.of(StreamsApplication.PIPELINE)));
        topology.start();
        gateway = Pipeline.gateway(bootstrap);
        http = new Http(gateway.port());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gateway, topology, workers}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void threeGuardsGiveOneCombinedVerdict() {
        Http.Reply r = http.post("/api/v1/guards/pipeline", "{\"guards\":[\"tokenguard\",\"biasguard\",\"healthguard\"],"
                + "\"payload\":{\"text\":\"Women are too emotional to be engineers.\"},\"user_id\":\"u\",\"session_id\":\"s\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("service_type").asText()).isEqualTo("pipeline");
        assertThat(body.at("/result/guards").size()).isEqualTo(3);
        assertThat(body.at("/result/missing")).isEmpty();
        String biasVerdict = body.at("/result/guards/biasguard/verdict").asText();
        assertThat(biasVerdict).isIn("flag", "block");
        // The strictest verdict and the highest score of the three.
        assertThat(body.get("verdict").asText()).isEqualTo(biasVerdict.equals("block") ? "block"
                : body.at("/result/guards/healthguard/verdict").asText().equals("block") ? "block" : "flag");
        double max = 0;
        for (JsonNode g : body.at("/result/guards")) {
            max = Math.max(max, g.get("score").asDouble());
        }
        assertThat(body.get("score").asDouble()).isEqualTo(max);
        assertThat(body.at("/result/guards/tokenguard/result/token_count").asInt()).isPositive();
        com.fasterxml.jackson.databind.node.ObjectNode topic = body.deepCopy();
        topic.remove(java.util.List.of("success", "processing_time"));
        assertThat(SchemaCatalog.GUARD_RESULT.violations(topic)).isEmpty();
    }

    @Test
    void aGuardWithNoWorkerIsReportedMissingAtTheDeadline() {
        long start = System.nanoTime();
        Http.Reply r = http.post("/api/v1/guards/pipeline", "{\"guards\":[\"tokenguard\",\"trustguard\"],"
                + "\"payload\":{\"text\":\"hello\"},\"timeout\":2}");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/result/missing/0").asText()).isEqualTo("trustguard");
        assertThat(r.json().at("/result/guards/tokenguard/status").asText()).isEqualTo("completed");
        assertThat(seconds).isBetween(1.9, 10.0);
    }

    @Test
    void asyncPipelinesArePollable() {
        Http.Reply accepted = http.post("/api/v1/guards/pipeline", "{\"guards\":[\"tokenguard\",\"healthguard\"],"
                + "\"payload\":{\"text\":\"A complete, healthy answer.\"}}", "Prefer", "respond-async");
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode done = AsyncModesTest.pollUntilDone(http, accepted.headers().firstValue("Location").orElseThrow());
        assertThat(done.get("service_type").asText()).isEqualTo("pipeline");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/result/guards").size()).isEqualTo(2);
    }
}
