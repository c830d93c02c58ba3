package dev.aiguardian.topology.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import dev.aiguardian.schemas.UsagePeriod;
import dev.aiguardian.schemas.UsageTotals;
import dev.aiguardian.topology.common.JsonSerde;

/** The usage stores' compact value format, and the JSON that stores written by earlier versions hold. */
class UsageStoreFormatTest {
    private static final UsagePeriod MARCH = new UsagePeriod(UsagePeriod.MONTH, Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00.000000123Z"), 7, 1_000_000_000_000L, 3, 1_000_000_000_003L, 0.125);
    private static final UsagePeriod DAY = new UsagePeriod(UsagePeriod.DAY, Instant.parse("2026-03-31T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"), 2, 130, 20, 150, 0.0015);

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void periodsKeepEveryFieldIncludingNanosAndNulls() {
        Serde<UsagePeriod> serde = UsageStoreFormat.periods();
        assertThat(roundTrip(serde, MARCH)).isEqualTo(MARCH);
        assertThat(roundTrip(serde, UsagePeriod.empty())).isEqualTo(UsagePeriod.empty());
        UsagePeriod odd = new UsagePeriod(UsagePeriod.DAY, null, Instant.EPOCH, 1, 0, 0, 0, -0.0);
        assertThat(roundTrip(serde, odd)).isEqualTo(odd);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void totalsKeepEveryFieldWithOrWithoutPeriods() {
        Serde<UsageTotals> serde = UsageStoreFormat.totals();
        UsageTotals full = new UsageTotals(UsageTotals.SESSION, "sess-é-42", DAY, MARCH,
                Instant.parse("2026-03-31T12:00:00.123456789Z"));
        assertThat(roundTrip(serde, full)).isEqualTo(full);
        UsageTotals onlyMonth = new UsageTotals(UsageTotals.USER, "", null, MARCH, null);
        assertThat(roundTrip(serde, onlyMonth)).isEqualTo(onlyMonth);
        assertThat(roundTrip(serde, UsageTotals.empty(null, null))).isEqualTo(UsageTotals.empty(null, null));
    }

    @Test
    void jsonWrittenByEarlierVersionsIsStillRead() {
        byte[] oldPeriod = JsonSerde.of(UsagePeriod.class).serializer().serialize("t", DAY);
        assertThat(UsageStoreFormat.periods().deserializer().deserialize("t", oldPeriod)).isEqualTo(DAY);
        assertThat(UsageStoreFormat.periods().serializer().serialize("t", DAY)).hasSizeLessThan(oldPeriod.length);

        UsageTotals totals = new UsageTotals(UsageTotals.USER, "alice", DAY, MARCH, Instant.parse("2026-03-31T12:00:00Z"));
        byte[] oldTotals = JsonSerde.of(UsageTotals.class).serializer().serialize("t", totals);
        assertThat(UsageStoreFormat.totals().deserializer().deserialize("t", oldTotals)).isEqualTo(totals);
        assertThat(UsageStoreFormat.totals().serializer().serialize("t", totals)).hasSizeLessThan(oldTotals.length);
    }

    @Test
    void anythingElseIsRefusedWithAReason() {
        Serde<UsagePeriod> periods = UsageStoreFormat.periods();
        assertThatThrownBy(() -> periods.deserializer().deserialize("t", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("too short");
        byte[] period = periods.serializer().serialize("t", DAY);
        byte[] longer = Arrays.copyOf(period, period.length + 2);
        assertThatThrownBy(() -> periods.deserializer().deserialize("t", longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("2 bytes left over");
        // A totals value is not a period, nor the other way round.
        byte[] totals = UsageStoreFormat.totals().serializer().serialize("t", UsageTotals.empty(UsageTotals.USER, "a"));
        assertThatThrownBy(() -> periods.deserializer().deserialize("t", totals))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 2");
        assertThatThrownBy(() -> periods.serializer().serialize("t", UsagePeriod.empty().in("week", null, null)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("week");
        assertThatThrownBy(() -> UsageStoreFormat.totals().serializer().serialize("t", UsageTotals.empty("tenant", "a")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("tenant");
    }
}
