package dev.aiguardian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.aiguardian.config.Env;
import dev.aiguardian.schemas.GuardResult;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Timing;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.schemas.Verdict;

/** Every size limit follows from MAX_BODY_BYTES, and they agree: nothing accepted upstream is refused downstream. */
class SizeBudgetTest {

    @ParameterizedTest
    @ValueSource(ints = {1024, 1024 * 1024, 2 * 1024 * 1024, SizeBudget.MAX_BODY_BYTES})
    void limitsAgreeFromTheBodyToTheLargestRecord(int body) {
        SizeBudget s = new SizeBudget(body);
        KafkaSettings kafka = KafkaSettings.of("broker:9092").withSizes(s);
        Properties producer = kafka.producer("p", Map.of());
        Properties consumer = kafka.consumer("c", Map.of());
        int maxRequestSize = (int) producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);

        // A request record holds the body; a result may hold it three times; a pipeline's result five results.
        assertThat(s.requestRecordBytes()).isGreaterThan(body);
        assertThat(s.resultValueBytes()).isGreaterThanOrEqualTo(SizeBudget.RESULT_COPIES * body);
        assertThat(s.resultRecordBytes()).isGreaterThan(s.resultValueBytes());
        assertThat(s.maxRecordBytes()).isGreaterThan(ServiceType.values().length * s.resultRecordBytes());
        for (NewTopic t : TopicBootstrap.plan(3, 12, (short) 1, s)) {
            int topicLimit = Integer.parseInt(t.configs().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
            assertThat(topicLimit).as(t.name()).isGreaterThanOrEqualTo(s.requestRecordBytes())
                    .isLessThanOrEqualTo(maxRequestSize);
        }
        assertThat((long) producer.get(ProducerConfig.BUFFER_MEMORY_CONFIG)).isGreaterThanOrEqualTo(maxRequestSize);
        assertThat((int) consumer.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)).isEqualTo(s.maxRecordBytes());
        assertThat((int) consumer.get(ConsumerConfig.FETCH_MAX_BYTES_CONFIG)).isGreaterThanOrEqualTo(s.maxRecordBytes());
    }

    @Test
    void resultTopicsTakeThePipelinesLargestRecordRequestTopicsOneBody() {
        SizeBudget s = new SizeBudget(1024 * 1024);
        assertThat(s.topicMaxMessageBytes(Topics.requests(ServiceType.TRUSTGUARD))).isEqualTo(s.requestRecordBytes());
        assertThat(s.topicMaxMessageBytes(Topics.PIPELINES)).isEqualTo(s.requestRecordBytes());
        assertThat(s.topicMaxMessageBytes(Topics.RESULTS)).isEqualTo(s.maxRecordBytes());
        assertThat(s.topicMaxMessageBytes(Topics.DLQ)).isEqualTo(s.maxRecordBytes());
    }

    @Test
    void streamsClientsAndInternalTopicsFollowTheBudget() {
        SizeBudget s = new SizeBudget(2 * 1024 * 1024);
        Properties p = KafkaSettings.of("broker:9092").withSizes(s).streams("app", java.nio.file.Path.of("/tmp"), Map.of());
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))).isEqualTo(s.maxRecordBytes());
        assertThat(p.get(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)))
                .isEqualTo(s.maxRecordBytes());
        assertThat(p.get(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)))
                .isEqualTo(Integer.toString(s.maxRecordBytes()));
    }

    @Test
    void theBudgetIsReadOnceFromMaxBodyBytesAndValidated() {
        Env env = Env.of(Map.of("MAX_BODY_BYTES", "2097152"));
        assertThat(KafkaSettings.fromEnv(env).sizes().maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(env.problems()).isEmpty();

        Env tooLarge = Env.of(Map.of("MAX_BODY_BYTES", Integer.toString(64 * 1024 * 1024)));
        KafkaSettings.fromEnv(tooLarge);
        assertThat(tooLarge.problems()).singleElement().asString().contains("MAX_BODY_BYTES", "4194304");
    }

    @Test
    void derivedClientSettingsCannotBeOverriddenAndBuffersNotShrunkBelowTheLargestRecord() {
        Env env = Env.of(Map.of("KAFKA_CLIENT_MAX_REQUEST_SIZE", "1048576",
                "KAFKA_CLIENT_MAX_PARTITION_FETCH_BYTES", "1048576",
                "KAFKA_CLIENT_BUFFER_MEMORY", "1000",
                "KAFKA_CLIENT_FETCH_MAX_BYTES", "999999999"));
        KafkaSettings.fromEnv(env);
        assertThat(env.problems()).hasSize(3);
        assertThat(String.join("\n", env.problems())).contains("KAFKA_CLIENT_MAX_REQUEST_SIZE", "MAX_BODY_BYTES",
                "KAFKA_CLIENT_MAX_PARTITION_FETCH_BYTES", "KAFKA_CLIENT_BUFFER_MEMORY");
    }

    @Test
    void aResultThatFitsIsKeptOneThatDoesNotBecomesResultTooLarge() {
        SizeBudget s = new SizeBudget(1024);
        GuardResult small = result("x".repeat(100));
        assertThat(s.fit(small).result()).isSameAs(small);
        assertThat(s.fit(small).value()).isEqualTo(Json.toBytes(small));

        GuardResult big = result("x".repeat(s.resultValueBytes()));
        SizeBudget.Fitted fitted = s.fit(big);
        assertThat(fitted.result().status()).isEqualTo(GuardResult.Status.FAILED);
        assertThat(fitted.result().error().type()).isEqualTo("result_too_large");
        assertThat(fitted.result().error().message()).contains("MAX_BODY_BYTES=1024");
        assertThat(fitted.result().requestId()).isEqualTo(big.requestId());
        assertThat(fitted.value().length).isLessThan(s.resultValueBytes());
    }

    private static GuardResult result(String text) {
        return GuardResult.completed("r1", ServiceType.TRUSTGUARD, Verdict.ALLOW, 0,
                Json.tree(Map.of("redacted_text", text, "findings", List.of())), new Timing(1, 1, 1), "w",
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
