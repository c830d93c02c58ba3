package dev.aiguardian.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.config.Env;

class TopologyConfigTest {

    @Test
    void theSyncPathCommitIntervalIsTwentyMillisecondsUnlessSet() {
        Env env = Env.of(Map.of());
        assertThat(TopologyConfig.fromEnv(env).commitInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(env.problems()).isEmpty();

        Env set = Env.of(Map.of("STREAMS_COMMIT_INTERVAL_MS", "100"));
        assertThat(TopologyConfig.fromEnv(set).commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(set.problems()).isEmpty();
    }

    @Test
    void aCommitIntervalOutOfRangeIsOneProblemLine() {
        Env env = Env.of(Map.of("STREAMS_COMMIT_INTERVAL_MS", "0"));
        TopologyConfig.fromEnv(env);
        assertThat(env.problems()).singleElement().asString().startsWith("STREAMS_COMMIT_INTERVAL_MS=");
    }
}
