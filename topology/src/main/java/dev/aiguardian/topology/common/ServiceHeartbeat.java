package dev.aiguardian.topology.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.schemas.Heartbeat;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Topics;

/**
 * Announces a guard hosted by a Streams application on {@code guard.heartbeats}, in the workers'
 * format, so that gateways route to it and list it in /api/v1/guards/services. Beats only while the
 * application runs; a clean stop writes a tombstone so gateways know at once.
 */
public final class ServiceHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHeartbeat.class);

    private final ServiceType guard;
    private final String instance;
    private final Duration interval;
    private final ServiceCounters counters;
    private final BooleanSupplier live;
    private final Clock clock = Clock.systemUTC();
    private final Instant startedAt = clock.instant();
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aiguardian-streams-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public ServiceHeartbeat(String bootstrapServers, ServiceType guard, String instance, Duration interval,
                            ServiceCounters counters, BooleanSupplier live) {
        this.guard = guard;
        this.instance = instance;
        this.interval = interval;
        this.counters = counters;
        this.live = live;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, instance + "-heartbeat",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the first beat and waits for it, so that discovery sees the guard as soon as start returns. */
    public void start() throws Exception {
        producer.send(beat()).get(30, TimeUnit.SECONDS);
        long every = interval.toMillis();
        timer.scheduleAtFixedRate(this::beatIfLive, every, every, TimeUnit.MILLISECONDS);
    }

    private void beatIfLive() {
        if (!live.getAsBoolean()) {
            return; // a rebalancing or failed application is not serving: let gateways see it go stale
        }
        producer.send(beat(), (md, e) -> {
            if (e != null) {
                LOG.warn("Heartbeat of {} not delivered: {}", guard, e.toString());
            }
        });
    }

    private ProducerRecord<String, byte[]> beat() {
        Heartbeat hb = new Heartbeat(instance, guard, clock.instant(), startedAt, interval.toMillis(),
                counters.completedCount(), counters.failedCount(), 0, 0.0);
        return new ProducerRecord<>(Topics.HEARTBEATS, hb.key(), Json.toBytes(hb));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS, Heartbeat.key(guard, instance), null))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Farewell of {} not delivered; gateways will expire it: {}", guard, e.toString());
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
