package dev.aiguardian.topology.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import dev.aiguardian.kafka.ConsumerGroups.StreamsApplication;

class StreamsAppTest {

    @Test
    void theAppsACallerWaitsForCommitAndPollAtTheConfiguredIntervalAndUsageKeepsStreamsDefaults() {
        for (StreamsApplication app : StreamsApplication.values()) {
            Properties p = StreamsApp.syncPathIntervals(new Properties(), app, Duration.ofMillis(75));
            if (app == StreamsApplication.USAGE) {
                assertThat(p).as(app.name()).doesNotContainKeys(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                        StreamsConfig.POLL_MS_CONFIG);
            } else {
                assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).as(app.name()).isEqualTo(75L);
                assertThat(p.get(StreamsConfig.POLL_MS_CONFIG)).as(app.name()).isEqualTo(75L);
            }
        }
    }
}
