package dev.aiguardian.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CompletedOffsetsTest {
    private static final TopicPartition P0 = new TopicPartition("guard.requests.tokenguard", 0);
    private static final TopicPartition P1 = new TopicPartition("guard.requests.tokenguard", 1);

    @Test
    void commitsOnlyTheAcknowledgedPrefix() {
        CompletedOffsets offsets = new CompletedOffsets();
        CompletedOffsets.Pending a = offsets.track(P0, 10);
        CompletedOffsets.Pending b = offsets.track(P0, 11);
        CompletedOffsets.Pending c = offsets.track(P0, 12);
        c.done(true);
        // 12 is done but 10 is not: committing 13 would lose 10 and 11 on a crash.
        assertThat(offsets.advance(P0).commit()).isEmpty();
        a.done(true);
        assertThat(offsets.advance(P0).commit()).isEqualTo(OptionalLong.of(11));
        assertThat(offsets.size()).isEqualTo(2);
        b.done(true);
        assertThat(offsets.advance(P0).commit()).isEqualTo(OptionalLong.of(13));
        assertThat(offsets.size()).isZero();
        assertThat(offsets.isEmpty(P0)).isTrue();
    }

    @Test
    void partitionsAdvanceIndependently() {
        CompletedOffsets offsets = new CompletedOffsets();
        CompletedOffsets.Pending a = offsets.track(P0, 5);
        offsets.track(P1, 7);
        a.done(true);
        assertThat(offsets.advance(P0).commit()).isEqualTo(OptionalLong.of(6));
        assertThat(offsets.advance(P1).commit()).isEmpty();
        assertThat(offsets.allFinished(List.of(P0))).isTrue();
        assertThat(offsets.allFinished(List.of(P1))).isFalse();
    }

    @Test
    void aFailedRecordIsReplayedWithEverythingAfterIt() {
        CompletedOffsets offsets = new CompletedOffsets();
        CompletedOffsets.Pending a = offsets.track(P0, 1);
        CompletedOffsets.Pending b = offsets.track(P0, 2);
        CompletedOffsets.Pending c = offsets.track(P0, 3);
        a.done(true);
        b.done(false);
        c.done(true);
        CompletedOffsets.Advance advance = offsets.advance(P0);
        assertThat(advance.commit()).isEqualTo(OptionalLong.of(2));
        assertThat(advance.replayFrom()).isEqualTo(OptionalLong.of(2));
        // The partition starts again from 2; late completions of the old records count for nothing.
        assertThat(offsets.size()).isZero();
        assertThat(offsets.partitions()).isEmpty();
    }

    @Test
    void forgettingAPartitionDropsItsRecords() {
        CompletedOffsets offsets = new CompletedOffsets();
        offsets.track(P0, 1);
        offsets.track(P1, 1).done(true);
        offsets.forget(P0);
        assertThat(offsets.size()).isEqualTo(1);
        assertThat(offsets.advance(P1).commit()).isEqualTo(OptionalLong.of(2));
    }
}
