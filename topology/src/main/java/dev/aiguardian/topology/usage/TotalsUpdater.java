package dev.aiguardian.topology.usage;

import java.time.Instant;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import dev.aiguardian.schemas.UsagePeriod;
import dev.aiguardian.schemas.UsageTotals;

/**
 * Folds a user's (session's) updated day and month windows into its totals, kept in a store keyed by the
 * plain id. It runs on the windowed records as they come out of the window stores, keys unchanged: the
 * DSL's {@code groupByKey().aggregate()} after unwrapping the windowed key re-partitioned every update
 * through a topic of its own, though the id was already the partitioning key. Each update is published (a
 * call that changes a day and a month gives two records where the DSL's cache gave one): cheaper than the
 * two repartitioned records it replaces, and a compacted topic keeps only the last.
 */
final class TotalsUpdater implements FixedKeyProcessor<Windowed<String>, UsagePeriod, UsageTotals> {
    private final String scope;
    private final String storeName;
    private FixedKeyProcessorContext<Windowed<String>, UsageTotals> context;
    private TimestampedKeyValueStore<String, UsageTotals> store;

    TotalsUpdater(String scope, String storeName) {
        this.scope = scope;
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<Windowed<String>, UsageTotals> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<Windowed<String>, UsagePeriod> record) {
        if (record.value() == null) {
            return;
        }
        String id = record.key().key();
        ValueAndTimestamp<UsageTotals> held = store.get(id);
        UsageTotals before = held == null ? UsageTotals.empty(scope, id) : held.value();
        UsageTotals after = new UsageTotals(scope, id, before.day(), before.month(), before.updatedAt())
                .with(record.value(), Instant.now());
        long timestamp = held == null ? record.timestamp() : Math.max(held.timestamp(), record.timestamp());
        store.put(id, ValueAndTimestamp.make(after, timestamp));
        context.forward(record.withValue(after).withTimestamp(timestamp));
    }
}
