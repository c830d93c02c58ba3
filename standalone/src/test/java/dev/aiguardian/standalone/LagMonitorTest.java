package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.aiguardian.gateway.discovery.LagMonitor;
import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.GuardRequest;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;

/** A guard's lag counts what waits on its priority lane as well as on its request topic. */
@ExtendWith(KafkaExtension.class)
class LagMonitorTest {

    @Test
    void lagIsTheBacklogOfTheRequestTopicAndThePriorityLane(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             LagMonitor monitor = new LagMonitor(admin);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaSettings.of(bootstrap)
                     .producer("lag-test", Map.of()))) {
            monitor.start(100);
            // No biasguard worker runs in this test: what earlier tests left uncommitted stays put.
            Await.until(Duration.ofSeconds(20), () -> monitor.lag(ServiceType.BIASGUARD) != null, "a first sample");
            long before = monitor.lag(ServiceType.BIASGUARD).records();

            for (int i = 0; i < 7; i++) {
                producer.send(GuardRecords.request(request("lane " + i), OptionalInt.empty(), null, null, null, 10));
            }
            for (int i = 0; i < 5; i++) {
                producer.send(GuardRecords.request(request("main " + i), OptionalInt.empty(), null, null, null));
            }
            producer.flush();

            Await.until(Duration.ofSeconds(20), () -> monitor.lag(ServiceType.BIASGUARD).records() == before + 12,
                    () -> "lag " + before + " + 7 on the lane + 5 on the topic, saw " + monitor.lag(ServiceType.BIASGUARD));
            assertThat(monitor.lag(ServiceType.BIASGUARD).records()).isEqualTo(before + 12);
        }
    }

    private static GuardRequest request(String text) {
        return new GuardRequest(UUID.randomUUID().toString(), ServiceType.BIASGUARD,
                Json.mapper().createObjectNode().put("text", text), null, null, Instant.now(), null);
    }
}
