package dev.aiguardian.topology.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the pipeline fan-in as a Kafka Streams application (exactly once, state under {@code stateDir}). */
public final class PipelineApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineApp.class);
    public static final String APPLICATION_ID = "aiguardian-pipeline";

    private final KafkaStreams streams;

    public PipelineApp(String bootstrapServers, Path stateDir, int partitions, String instanceName) {
        StreamsBuilder builder = new StreamsBuilder();
        PipelineTopology.build(builder, partitions, Duration.ofMillis(200), instanceName);
        Topology topology = builder.build();
        this.streams = new KafkaStreams(topology, config(bootstrapServers, stateDir));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Pipeline topology thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
    }

    static Properties config(String bootstrapServers, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Replication 1 works on the single embedded broker; clusters set their own default (-1 = broker's).
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        // A new application must not skip pipelines announced before it first started.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        return p;
    }

    public void start() {
        streams.start();
    }

    /** Blocks until the application runs or the timeout passes. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > end || streams.state() == KafkaStreams.State.ERROR) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        // Leave the group: otherwise a restart waits out the session timeout (45 s) before it gets its tasks back.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10)));
    }
}
