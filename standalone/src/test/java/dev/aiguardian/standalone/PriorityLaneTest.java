package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.workers.WorkerRuntime;

/**
 * What {@code priority} does: with a backlog of trustguard requests waiting, requests of priority 10
 * sent after it (to the guard's priority lane) are done before requests of the default priority sent
 * at the same moment (which queue behind the backlog). Prints the measured times.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriorityLaneTest {
    private static final int BACKLOG = 3000;
    private static final int CALLS = 5;

    private String bootstrap;
    private Gateway gateway;
    private WorkerRuntime workers;
    private Http http;

    @BeforeAll
    void start(String bootstrap) throws Exception {
        this.bootstrap = bootstrap;
        gateway = Pipeline.gateway(bootstrap);
        http = new Http(gateway.port());
    }

    @AfterAll
    void stop() throws Exception {
        Pipeline.close(gateway, workers);
    }

    @Test
    void highPriorityRequestsOvertakeTheBacklog() throws Exception {
        // The backlog: requests nobody has processed yet (no trustguard worker runs).
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaSettings.of(bootstrap)
                .producer("priority-test", Map.of()))) {
            Instant now = Instant.now();
            for (int i = 0; i < BACKLOG; i++) {
                GuardRequest r = new GuardRequest(UUID.randomUUID().toString(), ServiceType.TRUSTGUARD,
                        Json.mapper().createObjectNode().put("text", "backlog text number " + i + " about the weather"),
                        null, null, now, null);
                producer.send(GuardRecords.request(r, OptionalInt.empty(), null, null, null));
            }
            producer.flush();
        }
        List<String> high = new ArrayList<>();
        List<String> normal = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            high.add(submit(10, "urgent " + i));
            normal.add(submit(5, "ordinary " + i));
        }
        Instant workersStart = Instant.now();
        workers = Pipeline.workers(bootstrap, ServiceType.TRUSTGUARD);
        List<Instant> highDone = completions(high);
        List<Instant> normalDone = completions(normal);
        Instant lastHigh = highDone.stream().max(Instant::compareTo).orElseThrow();
        Instant firstNormal = normalDone.stream().min(Instant::compareTo).orElseThrow();
        System.out.printf("[priority] backlog %d: priority-10 calls done %d..%d ms after the worker started, "
                        + "priority-5 calls %d..%d ms%n", BACKLOG, ms(workersStart, highDone.stream().min(Instant::compareTo)
                        .orElseThrow()), ms(workersStart, lastHigh), ms(workersStart, firstNormal),
                ms(workersStart, normalDone.stream().max(Instant::compareTo).orElseThrow()));
        assertThat(lastHigh).as("every priority-10 call done before any priority-5 call sent with it").isBefore(firstNormal);
    }

    private String submit(int priority, String text) {
        Http.Reply r = http.post("/api/v1/guards/process", "{\"service_type\":\"trustguard\",\"payload\":{\"text\":\""
                + text + "\"},\"mode\":\"async\",\"priority\":" + priority + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().path("job").asText();
    }

    private List<Instant> completions(List<String> jobs) {
        List<Instant> done = new ArrayList<>();
        for (String job : jobs) {
            Await.until(Duration.ofSeconds(120), () -> "completed".equals(http.get(job).json().path("status").asText()),
                    job + " completes");
            JsonNode result = http.get(job).json();
            done.add(Instant.parse(result.path("completed_at").asText()));
        }
        return done;
    }

    private static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
