package dev.aiguardian.topology.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import dev.aiguardian.kafka.ConsumerGroups.StreamsApplication;
import dev.aiguardian.kafka.KafkaSettings;

class StreamsAppTest {

    @Test
    void theAppsACallerWaitsForCommitAndPollAtTheConfiguredIntervalAndUsageFetchesInTheBackground() {
        for (StreamsApplication app : StreamsApplication.values()) {
            Properties p = StreamsApp.pacing(new Properties(), app, Duration.ofMillis(75));
            if (app == StreamsApplication.USAGE) {
                assertThat(p).as(app.name()).doesNotContainKeys(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                        StreamsConfig.POLL_MS_CONFIG);
                assertThat(p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)))
                        .isEqualTo(KafkaSettings.BACKGROUND_CONSUMER.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
            } else {
                assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).as(app.name()).isEqualTo(75L);
                assertThat(p.get(StreamsConfig.POLL_MS_CONFIG)).as(app.name()).isEqualTo(75L);
            }
        }
    }

    @Test
    void anOperatorsOwnFetchSettingIsNotOverriddenForTheUsageApp() {
        Properties given = new Properties();
        given.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        Properties p = StreamsApp.pacing(given, StreamsApplication.USAGE, Duration.ofMillis(20));
        assertThat(p).doesNotContainKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
        assertThat(p).containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG));
    }
}
