package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.aiguardian.gateway.Gateway;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.workers.WorkerRuntime;

/** Nothing accepted is dropped: unreadable records and failing guards end on guard.dlq, and their waiters learn at once. */
@ExtendWith(KafkaExtension.class)
class DeadLetterTest {

    static List<ConsumerRecord<String, byte[]>> dlqRecords(String bootstrap, String marker) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topics.DLQ));
            Await.until(Duration.ofSeconds(30), () -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (new String(r.value(), StandardCharsets.UTF_8).contains(marker)) {
                        found.add(r);
                    }
                }
                return !found.isEmpty();
            }, "a dead letter containing " + marker);
        }
        return found;
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aPoisonRecordLandsOnTheDlqWithItsOriginAndTheWorkerKeepsServing(String bootstrap) throws Exception {
        try (WorkerRuntime workers = Pipeline.workers(bootstrap, ServiceType.TOKENGUARD);
             Gateway gateway = Pipeline.gateway(bootstrap);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            String marker = "poison-" + UUID.randomUUID();
            var md = producer.send(new ProducerRecord<>(Topics.requests(ServiceType.TOKENGUARD), "poison",
                    ("this is not json { " + marker).getBytes(StandardCharsets.UTF_8))).get();
            ConsumerRecord<String, byte[]> dead = dlqRecords(bootstrap, marker).get(0);
            assertThat(header(dead, HeaderNames.DLQ_ORIGINAL_TOPIC)).isEqualTo("guard.requests.tokenguard");
            assertThat(header(dead, HeaderNames.DLQ_ORIGINAL_PARTITION)).isEqualTo(Integer.toString(md.partition()));
            assertThat(header(dead, HeaderNames.DLQ_ORIGINAL_OFFSET)).isEqualTo(Long.toString(md.offset()));
            assertThat(header(dead, HeaderNames.DLQ_ORIGINAL_TIMESTAMP)).isEqualTo(Long.toString(md.timestamp()));
            assertThat(header(dead, HeaderNames.DLQ_EXCEPTION_CLASS)).isNotBlank();
            assertThat(header(dead, HeaderNames.DLQ_EXCEPTION_MESSAGE)).contains("not JSON");
            assertThat(header(dead, HeaderNames.DLQ_WORKER)).startsWith("test-worker-");
            Http.Reply after = new Http(gateway.port()).post("/api/v1/guards/process",
                    Http.guardCall("tokenguard", "still here"));
            assertThat(after.status()).isEqualTo(200);
        }
    }

    @Test
    void aGuardThatThrowsIsDeadLetteredAndItsCallerAndJobFailAtOnce(String bootstrap) throws Exception {
        Guard broken = new Guard() {
            @Override
            public ServiceType type() {
                return ServiceType.TOKENGUARD;
            }

            @Override
            public GuardOutcome inspect(GuardInput input) {
                if (input.text().startsWith("boom")) {
                    throw new IllegalStateException("detector exploded on " + input.text());
                }
                return new GuardOutcome(dev.aiguardian.schemas.Verdict.ALLOW, 0, Map.of());
            }
        };
        try (WorkerRuntime workers = Pipeline.workers(bootstrap, List.of(broken));
             Gateway gateway = Pipeline.gateway(bootstrap)) {
            Http http = new Http(gateway.port());
            String marker = "boom-" + UUID.randomUUID();
            Http.Reply sync = http.post("/api/v1/guards/process",
                    "{\"service_type\":\"tokenguard\",\"payload\":{\"text\":\"" + marker + "\"},\"timeout\":60}");
            // 502 with the detector's own message, not the 504 of the 60 s deadline: the dead letter's failed
            // result reached the caller; it did not wait the deadline out (no clock needed to tell).
            assertThat(sync.status()).as(sync.body()).isEqualTo(502);
            assertThat(sync.json().get("detail").asText()).contains("detector exploded");
            ConsumerRecord<String, byte[]> dead = dlqRecords(bootstrap, marker).get(0);
            assertThat(header(dead, HeaderNames.DLQ_EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(dead, HeaderNames.DLQ_ATTEMPTS)).isEqualTo("3");

            String asyncMarker = "boom-async-" + UUID.randomUUID();
            String location = http.post("/api/v1/guards/process", Http.guardCall("tokenguard", asyncMarker),
                    "Prefer", "respond-async").headers().firstValue("Location").orElseThrow();
            var job = AsyncModesTest.pollUntilDone(http, location);
            assertThat(job.get("status").asText()).isEqualTo("failed");
            assertThat(job.at("/error/type").asText()).isEqualTo("guard_error");
            assertThat(http.post("/api/v1/guards/process", Http.guardCall("tokenguard", "fine")).status())
                    .isEqualTo(200);
        }
    }
}
