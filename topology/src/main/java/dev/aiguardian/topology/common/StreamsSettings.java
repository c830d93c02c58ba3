package dev.aiguardian.topology.common;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Where the Streams applications run: the cluster, the folder for their RocksDB state (one
 * sub-folder per application id), and a prefix for their application ids so that several
 * deployments (or tests) can share a cluster.
 */
public record StreamsSettings(String bootstrapServers, Path stateDir, String applicationIdPrefix, int threads) {

    public StreamsSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
    }

    public static StreamsSettings of(String bootstrapServers, Path stateDir) {
        return new StreamsSettings(bootstrapServers, stateDir, "aiguardian", 1);
    }

    /** The configuration shared by every application: exactly once, state under stateDir. */
    public Properties properties(String applicationName) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationIdPrefix + "-" + applicationName);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        // Results, usage and totals are written with the input offsets in one transaction: a crash
        // never double-counts usage nor loses a session's turn.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // No record cache: every aggregate update reaches its changelog and output at the next commit,
        // so totals read by the gateway and the budgets are at most one commit interval behind.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // A sync caller waits for ContextGuard's result: do not hold it back to fill batches (KIP-1030).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        // A new application must not skip requests and results written before it first joined.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }
}
