package dev.aiguardian.workers.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.schemas.Heartbeat;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;

/**
 * Announces each hosted guard on the compacted {@code guard.heartbeats} topic, so gateways know which
 * guards are alive and how loaded they are; a clean stop writes tombstones so they know at once.
 */
final class HeartbeatPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final WorkerConfig config;
    private final Set<ServiceType> guards;
    private final Producer<String, byte[]> producer;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final Instant startedAt;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aiguardian-heartbeat");
        t.setDaemon(true);
        return t;
    });

    HeartbeatPublisher(WorkerConfig config, Set<ServiceType> guards, Producer<String, byte[]> producer,
                       WorkerMetrics metrics, Clock clock) {
        this.config = config;
        this.guards = Set.copyOf(guards);
        this.producer = producer;
        this.metrics = metrics;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Sends the first beat and waits for it, so that discovery sees this worker as soon as start returns. */
    void start() throws InterruptedException, ExecutionException, TimeoutException {
        for (ServiceType g : guards) {
            producer.send(beat(g)).get(30, TimeUnit.SECONDS);
        }
        long every = config.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(this::beatAll, every, every, TimeUnit.MILLISECONDS);
    }

    private void beatAll() {
        for (ServiceType g : guards) {
            producer.send(beat(g), (md, e) -> {
                if (e != null) {
                    LOG.warn("Heartbeat of {} not delivered: {}", g, e.toString());
                }
            });
        }
    }

    private ProducerRecord<String, byte[]> beat(ServiceType g) {
        Heartbeat hb = new Heartbeat(config.workerId(), g, clock.instant(), startedAt,
                config.heartbeatInterval().toMillis(),
                metrics.count(g, WorkerMetrics.Outcome.COMPLETED),
                metrics.count(g, WorkerMetrics.Outcome.FAILED) + metrics.count(g, WorkerMetrics.Outcome.DEAD_LETTERED),
                metrics.inFlight(g).get(), metrics.p95Millis(g));
        return new ProducerRecord<>(Topics.HEARTBEATS, hb.key(), Json.toBytes(hb));
    }

    /** Stops beating; with {@code farewell} writes a tombstone per guard so gateways drop this worker at once. */
    void stop(boolean farewell) {
        timer.shutdownNow();
        if (!farewell) {
            return;
        }
        for (ServiceType g : guards) {
            try {
                producer.send(new ProducerRecord<>(Topics.HEARTBEATS, Heartbeat.key(g, config.workerId()), null))
                        .get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Farewell of {} not delivered; gateways will expire it: {}", g, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop(true);
    }
}
