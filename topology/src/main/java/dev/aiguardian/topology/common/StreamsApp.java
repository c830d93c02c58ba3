package dev.aiguardian.topology.common;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Kafka Streams application's lifecycle: start, wait until it runs, close with a deadline. */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final String name;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    public StreamsApp(String name, Topology topology, Properties props) {
        this.name = name;
        this.streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> {
            LOG.info("Streams app {}: {} -> {}", name, before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Streams app {} thread failed; replacing it", name, e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
    }

    public void start() {
        streams.start();
    }

    /** Waits until the application has its partitions and has restored its state. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Streams app " + name + " not running after " + timeout.toSeconds()
                    + " s (state " + streams.state() + ")");
        }
    }

    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        // Leave the group so another instance takes the partitions at once rather than after a timeout.
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
