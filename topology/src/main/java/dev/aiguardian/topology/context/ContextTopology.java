package dev.aiguardian.topology.context;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.aiguardian.kafka.SizeBudget;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.topology.common.Outbound;
import dev.aiguardian.topology.common.ServiceCounters;
import dev.aiguardian.guards.context.ContextGuard;
import dev.aiguardian.guards.context.SessionMemory;

/**
 * ContextGuard as a Kafka Streams topology: {@code guard.requests.contextguard} (keyed by session id)
 * through a processor holding each session's memory in a persistent, changelogged store, to
 * {@code guard.results} (on the caller's reply partition), {@code guard.dlq}, and for a pipeline member also
 * {@code guard.pipeline.members}.
 */
public final class ContextTopology {
    /** The RocksDB store of session memories, keyed by session id; its changelog restores it anywhere. */
    public static final String SESSION_STORE = "context-sessions";
    static final String SOURCE = "contextguard-requests";
    static final String PROCESSOR = "contextguard";
    static final String RESULTS_SINK = "contextguard-results";
    static final String DLQ_SINK = "contextguard-dlq";
    static final String MEMBERS_SINK = "contextguard-pipeline-members";

    private ContextTopology() {
    }

    /**
     * @param instance   names this application instance in results and dead letters
     * @param sweepEvery how often idle sessions are looked for (wall-clock time)
     */
    public static Topology build(ContextGuard guard, String instance, Duration sweepEvery, ServiceCounters counters,
                                 Clock clock) {
        return build(guard, instance, sweepEvery, counters, clock, SizeBudget.defaults());
    }

    /** @param sizes bounds each result it publishes ({@link SizeBudget#fit}) */
    public static Topology build(ContextGuard guard, String instance, Duration sweepEvery, ServiceCounters counters,
                                 Clock clock, SizeBudget sizes) {
        StoreBuilder<KeyValueStore<String, SessionMemory>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SESSION_STORE), Serdes.String(), SessionStoreFormat.sessions());
        Topology t = new Topology();
        // Raw bytes in: an unreadable record is this processor's to dead-letter, not a deserialisation crash.
        t.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                ServiceType.CONTEXTGUARD.requestTopic());
        t.addProcessor(PROCESSOR, () -> new ContextProcessor(guard, instance, sweepEvery, counters, clock, sizes),
                SOURCE);
        t.addStateStore(store, PROCESSOR);
        t.addSink(RESULTS_SINK, Topics.RESULTS, Serdes.String().serializer(), Outbound.serializer(),
                Outbound.partitioner(), PROCESSOR);
        t.addSink(DLQ_SINK, Topics.DLQ, Serdes.String().serializer(), Outbound.serializer(), PROCESSOR);
        // Partitioned by key (the pipeline id), as the pipeline's announcement is.
        t.addSink(MEMBERS_SINK, Topics.PIPELINE_MEMBERS, Serdes.String().serializer(), Outbound.serializer(), PROCESSOR);
        return t;
    }
}
