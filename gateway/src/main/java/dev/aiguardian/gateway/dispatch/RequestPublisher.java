package dev.aiguardian.gateway.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Publishes requests. {@code KafkaProducer.send} can block (missing metadata, full buffer), so it
 * runs on this class's own thread, never on an event loop.
 */
public final class RequestPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics metrics;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aiguardian-publisher");
        t.setDaemon(true);
        return t;
    });

    public RequestPublisher(GatewayConfig config, MeterRegistry registry) {
        this.producer = new KafkaProducer<>(config.kafka().producer(config.clientId() + "-requests",
                KafkaSettings.tuned(KafkaSettings.SYNC_PATH_PRODUCER, Map.of(
                // Bounded: a broker that is away fails the call (503) instead of piling up callers.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000"))));
        this.metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
    }

    /** Loads the topics' metadata now, so that the first requests do not pay for it. */
    public void warmUp() {
        for (String topic : Topics.allRequestTopics()) {
            producer.partitionsFor(topic);
        }
    }

    public CompletableFuture<RecordMetadata> publish(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (md, e) -> {
                        if (e != null) {
                            done.completeExceptionally(e);
                        } else {
                            done.complete(md);
                        }
                    });
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        metrics.close();
        producer.close(Duration.ofSeconds(5));
    }
}
