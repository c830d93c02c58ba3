package dev.aiguardian.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerProgressTest {
    private static final TopicPartition P0 = new TopicPartition("guard.results", 0);
    private static final TopicPartition P1 = new TopicPartition("guard.results", 1);
    private static final long S = 1_000_000_000L;
    private static final Duration AFTER = Duration.ofSeconds(10);

    @Test
    void aConsumerThatKeepsAdvancingIsNotStalled() {
        ConsumerProgress p = new ConsumerProgress(0);
        p.observe(Map.of(P0, 10L), 50, 0);
        p.observe(Map.of(P0, 20L), 40, 8 * S);
        p.observe(Map.of(P0, 30L), 30, 16 * S);
        assertThat(p.stalled(AFTER, 20 * S)).isFalse();
        assertThat(p.stalled(AFTER, 27 * S)).isTrue();
    }

    @Test
    void reReadingTheSameRecordsAfterARewindIsNotProgress() {
        ConsumerProgress p = new ConsumerProgress(0);
        p.observe(Map.of(P0, 10L), 20, 0);
        p.observe(Map.of(P0, 20L), 10, S);
        // The batch 10..19 failed: rewound to 10, re-read to 20, rewound again...
        for (long t = 2; t <= 12; t++) {
            p.observe(Map.of(P0, t % 2 == 0 ? 10L : 20L), 10, t * S);
        }
        assertThat(p.sinceProgress(12 * S)).isEqualTo(Duration.ofSeconds(11));
        assertThat(p.stalled(AFTER, 12 * S)).isTrue();
        assertThat(p.lag()).isEqualTo(10);
        p.observe(Map.of(P0, 21L), 9, 13 * S);
        assertThat(p.stalled(AFTER, 13 * S)).isFalse();
    }

    @Test
    void nothingToReadIsNeverStalledAndUnknownLagIsNotGuessed() {
        ConsumerProgress p = new ConsumerProgress(0);
        p.observe(Map.of(P0, 10L), 0, 0);
        assertThat(p.stalled(AFTER, 100 * S)).isFalse();
        ConsumerProgress unknown = new ConsumerProgress(0);
        unknown.observe(Map.of(), ConsumerProgress.UNKNOWN, 0);
        assertThat(unknown.stalled(AFTER, 100 * S)).isFalse();
    }

    @Test
    void aNewlyAssignedPartitionIsABaselineNotProgress() {
        ConsumerProgress p = new ConsumerProgress(0);
        p.observe(Map.of(P0, 10L), 5, 0);
        p.observe(Map.of(P0, 10L, P1, 500L), 5, 11 * S);
        assertThat(p.stalled(AFTER, 11 * S)).isTrue();
        // Revoked and given back later: a baseline again, not a jump forward.
        p.observe(Map.of(P0, 10L), 5, 12 * S);
        p.observe(Map.of(P0, 10L, P1, 900L), 5, 13 * S);
        assertThat(p.stalled(AFTER, 13 * S)).isTrue();
    }
}
