package dev.aiguardian.topology.common;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A record's bytes plus the partition it must go to, when one is required: a sync caller's
 * gateway reads its replies on the partition it named in {@code aig_reply_partition}.
 */
public record Outbound(byte[] value, Integer partition) {

    /** Writes only the bytes: the partition is routing, not payload. */
    public static Serializer<Outbound> serializer() {
        return (topic, o) -> o == null ? null : o.value();
    }

    /** {@link #serializer()} plus a reader that knows no partition, for DSL sinks. */
    public static Serde<Outbound> serde() {
        return Serdes.serdeFrom(serializer(), (topic, bytes) -> bytes == null ? null : new Outbound(bytes, null));
    }

    /** The partition named by the record, else (absent or out of range) the key's hash as usual. */
    public static StreamPartitioner<String, Outbound> partitioner() {
        return (topic, key, o, numPartitions) -> o != null && o.partition() != null && o.partition() >= 0
                && o.partition() < numPartitions ? Optional.of(Set.of(o.partition())) : Optional.empty();
    }
}
