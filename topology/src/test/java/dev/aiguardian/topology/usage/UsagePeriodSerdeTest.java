package dev.aiguardian.topology.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.UsagePeriod;
import dev.aiguardian.topology.common.JsonSerde;

/** The window stores' compact value format, and the JSON that stores written by earlier versions hold. */
class UsagePeriodSerdeTest {
    private final UsagePeriodSerde serde = new UsagePeriodSerde();

    private UsagePeriod roundTrip(UsagePeriod p) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", p));
    }

    @Test
    void everyFieldSurvivesIncludingNanosAndNulls() {
        UsagePeriod full = new UsagePeriod(UsagePeriod.MONTH, Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00.000000123Z"), 7, 1_000_000_000_000L, 3, 1_000_000_000_003L, 0.125);
        assertThat(roundTrip(full)).isEqualTo(full);
        UsagePeriod empty = UsagePeriod.empty();
        assertThat(roundTrip(empty)).isEqualTo(empty);
        UsagePeriod day = new UsagePeriod(UsagePeriod.DAY, null, Instant.EPOCH, 1, 0, 0, 0, -0.0);
        assertThat(roundTrip(day)).isEqualTo(day);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void jsonWrittenByEarlierVersionsIsStillRead() {
        UsagePeriod p = new UsagePeriod(UsagePeriod.DAY, Instant.parse("2026-03-31T00:00:00Z"),
                Instant.parse("2026-04-01T00:00:00Z"), 2, 130, 20, 150, 0.0015);
        byte[] old = JsonSerde.of(UsagePeriod.class).serializer().serialize("t", p);
        assertThat(serde.deserializer().deserialize("t", old)).isEqualTo(p);
        assertThat(serde.serializer().serialize("t", p)).hasSizeLessThan(old.length);
    }

    @Test
    void anythingElseIsRefusedWithAReason() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("3 bytes");
        byte[] wrongVersion = serde.serializer().serialize("t", UsagePeriod.empty());
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", wrongVersion))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> serde.serializer().serialize("t", UsagePeriod.empty().in("week", null, null)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("week");
    }
}
