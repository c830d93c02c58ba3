package dev.aiguardian.topology.pipeline;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A combined result on its way to guard.results: the JSON, plus the partition the waiting gateway
 * reads (not part of the value; only the partitioner looks at it).
 */
public record Outbound(byte[] json, Integer replyPartition) {

    /** Writes only the JSON. */
    static Serde<Outbound> serde() {
        return Serdes.serdeFrom((topic, o) -> o == null ? null : o.json(),
                (topic, bytes) -> bytes == null ? null : new Outbound(bytes, null));
    }

    /** Sends a result to its reply partition when it has a usable one, else by key as usual. */
    static StreamPartitioner<String, Outbound> partitioner() {
        return (topic, key, value, numPartitions) -> {
            Integer p = value == null ? null : value.replyPartition();
            return p != null && p >= 0 && p < numPartitions ? Optional.of(Set.of(p)) : Optional.empty();
        };
    }
}
