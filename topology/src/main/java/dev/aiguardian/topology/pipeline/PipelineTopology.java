package dev.aiguardian.topology.pipeline;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;
import dev.aiguardian.kafka.GuardRecords;
import dev.aiguardian.kafka.KafkaHeaders;
import dev.aiguardian.topology.common.JsonSerde;
import dev.aiguardian.topology.common.Outbound;

/**
 * The multi-guard fan-in: pipeline announcements from guard.pipelines and the member results from
 * guard.pipeline.members (both keyed and partitioned by pipeline id, so that they meet in the same task) go into
 * one joiner with a changelogged store; combined results go to guard.results.
 */
public final class PipelineTopology {
    public static final String STORE = "pipeline-state";

    private PipelineTopology() {
    }

    /**
     * guard.pipelines and guard.pipeline.members must have as many partitions as each other, or a pipeline's
     * announcement and its results would meet in different tasks ({@link #checkCoPartitioned}).
     */
    public static void build(StreamsBuilder builder, Duration scanEvery, String worker) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(PipelineState.class)));

        KStream<String, PipelineEvent> starts = builder
                .stream(Topics.PIPELINES, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("pipelines"))
                .processValues(StartReader::new, Named.as("read-start"))
                .filter((k, v) -> k != null && v != null);

        // Members' results as their publishers copied them, keyed by pipeline id: not every result on guard.results.
        KStream<String, PipelineEvent> results = builder
                .stream(Topics.PIPELINE_MEMBERS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("members"))
                .filter((k, v) -> k != null && v != null, Named.as("keyed"))
                .mapValues(PipelineTopology::parse, Named.as("read-result"))
                .filter((k, v) -> v != null);

        starts.merge(results, Named.as("events"))
                .process(() -> new PipelineJoiner(STORE, scanEvery, worker), Named.as("join"), STORE)
                .to(Topics.RESULTS, Produced.with(Serdes.String(), Outbound.serde())
                        .withStreamPartitioner(Outbound.partitioner()).withName("combined"));
    }

    /** Fails with what to do when the two input topics are not partitioned alike. */
    public static void checkCoPartitioned(int pipelines, int members) {
        if (pipelines != members) {
            throw new IllegalStateException(Topics.PIPELINES + " has " + pipelines + " partitions but "
                    + Topics.PIPELINE_MEMBERS + " has " + members + ": a pipeline's announcement and its results must "
                    + "land in partitions of the same number; give both topics the same partition count");
        }
    }

    private static PipelineEvent parse(byte[] value) {
        try {
            JsonNode n = Json.mapper().readTree(value);
            return n != null && n.isObject() ? PipelineEvent.result(n) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Reads an announcement and the reply-partition and trace headers that came with it. */
    private static final class StartReader implements FixedKeyProcessor<String, byte[], PipelineEvent> {
        private FixedKeyProcessorContext<String, PipelineEvent> context;

        @Override
        public void init(FixedKeyProcessorContext<String, PipelineEvent> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            JsonNode body;
            try {
                body = record.value() == null ? null : Json.mapper().readTree(record.value());
            } catch (java.io.IOException e) {
                body = null;
            }
            if (body == null || !body.isObject() || !body.has("guards") || !body.has("deadline_at")) {
                // Not an announcement we can use; dropping it only loses a pipeline nobody can complete.
                context.forward(record.withValue(null));
                return;
            }
            Integer partition = GuardRecords.replyPartition(record.headers(), Integer.MAX_VALUE);
            String traceparent = KafkaHeaders.last(record.headers(), HeaderNames.TRACEPARENT).orElse(null);
            context.forward(record.withValue(PipelineEvent.start(body, partition, traceparent)));
        }
    }
}
