package dev.aiguardian.topology.usage;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import dev.aiguardian.schemas.Topics;
import dev.aiguardian.schemas.UsageEvent;
import dev.aiguardian.schemas.UsagePeriod;
import dev.aiguardian.schemas.UsageTotals;
import dev.aiguardian.topology.common.JsonSerde;

/**
 * Usage accounting: completed tokenguard results become usage events on {@code guard.usage} (key
 * user id); windowed aggregations sum them per UTC day and per UTC calendar month, per user and per
 * session; each user's (session's) newest day and month are published together on the compacted
 * {@code guard.usage.totals} ({@code guard.usage.session-totals}) topic.
 */
public final class UsageTopology {
    private static final JsonSerde<UsageEvent> EVENTS = JsonSerde.of(UsageEvent.class);
    private static final Serde<UsagePeriod> PERIODS = UsageStoreFormat.periods();
    private static final Serde<UsageTotals> STORED_TOTALS = UsageStoreFormat.totals();
    private static final JsonSerde<UsageTotals> TOTALS = JsonSerde.of(UsageTotals.class);

    private UsageTopology() {
    }

    /** @param grace how late (in event time) a result may arrive and still count in its day and month */
    public static Topology build(Duration grace) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.RESULTS, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(UsageEventExtractor::new)
                .to(Topics.USAGE, Produced.with(Serdes.String(), EVENTS));

        KStream<String, UsageEvent> events = builder.stream(Topics.USAGE, Consumed.with(Serdes.String(), EVENTS));
        totals(builder, events, UsageTotals.USER, "usage-user", Topics.USAGE_TOTALS, grace);
        KStream<String, UsageEvent> bySession = events
                .filter((user, e) -> e.sessionId() != null && !e.sessionId().isEmpty())
                .selectKey((user, e) -> e.sessionId());
        totals(builder, bySession, UsageTotals.SESSION, "usage-session", Topics.USAGE_SESSION_TOTALS, grace);
        return builder.build();
    }

    private static void totals(StreamsBuilder builder, KStream<String, UsageEvent> events, String scope, String name,
                               String topic, Duration grace) {
        KGroupedStream<String, UsageEvent> grouped = events.groupByKey(Grouped.with(name + "-events",
                Serdes.String(), EVENTS));
        KStream<Windowed<String>, UsagePeriod> days = grouped
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofDays(1), grace))
                .aggregate(UsagePeriod::empty, (key, e, sum) -> sum.add(e),
                        Materialized.<String, UsagePeriod, WindowStore<Bytes, byte[]>>as(name + "-daily")
                                .withKeySerde(Serdes.String()).withValueSerde(PERIODS)
                                .withRetention(Duration.ofDays(2).plus(grace)))
                .toStream()
                .mapValues((w, sum) -> sum.in(UsagePeriod.DAY, w.window().startTime(), w.window().endTime()));
        KStream<Windowed<String>, UsagePeriod> months = grouped
                .windowedBy(new CalendarMonthWindows(grace))
                .aggregate(UsagePeriod::empty, (key, e, sum) -> sum.add(e),
                        Materialized.<String, UsagePeriod, WindowStore<Bytes, byte[]>>as(name + "-monthly")
                                .withKeySerde(Serdes.String()).withValueSerde(PERIODS)
                                .withRetention(Duration.ofDays(62).plus(grace)))
                .toStream()
                // A cached window store hands on each window as start + the windows' fixed size (31 days),
                // so the month's end is computed from its start, never read from the window.
                .mapValues((w, sum) -> sum.in(UsagePeriod.MONTH, w.window().startTime(),
                        CalendarMonthWindows.endOf(w.window().startTime())));
        // One record per user (session) with its newest day and month, for readers of a compacted topic. The
        // windowed key is unwrapped only after the totals store, so no repartition topic is needed for them.
        String store = name + "-totals";
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(store),
                Serdes.String(), STORED_TOTALS).withCachingEnabled());
        days.merge(months)
                .processValues(() -> new TotalsUpdater(scope, store), store)
                .map((w, totals) -> KeyValue.pair(w.key(), totals))
                .to(topic, Produced.with(Serdes.String(), TOTALS));
    }
}
