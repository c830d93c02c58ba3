package dev.aiguardian.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.aiguardian.schemas.Heartbeat;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;

/**
 * Announces the guards a process serves on the compacted {@code guard.heartbeats} topic, so gateways
 * know which guards are alive and how loaded they are. Beats only while the process serves; a clean
 * stop writes tombstones so gateways drop it at once. The producer belongs to the caller.
 */
public final class HeartbeatPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final Producer<String, byte[]> producer;
    private final Duration interval;
    private final Supplier<List<Heartbeat>> beats;
    private final BooleanSupplier serving;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aiguardian-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile List<String> keys = List.of();
    private boolean stopped;

    /**
     * @param beats   the current beat of every guard this process serves, built at each interval
     * @param serving false while the process cannot serve (a rebalancing Streams application): no beat is
     *                sent then, so gateways see it go stale
     */
    public HeartbeatPublisher(Producer<String, byte[]> producer, Duration interval, Supplier<List<Heartbeat>> beats,
                              BooleanSupplier serving) {
        this.producer = producer;
        this.interval = interval;
        this.beats = beats;
        this.serving = serving;
    }

    /** Sends the first beats and waits for them, so that discovery sees this process as soon as start returns. */
    public void start() throws InterruptedException, ExecutionException, TimeoutException {
        for (Heartbeat hb : current()) {
            producer.send(record(hb)).get(30, TimeUnit.SECONDS);
        }
        long every = interval.toMillis();
        timer.scheduleAtFixedRate(this::beatAll, every, every, TimeUnit.MILLISECONDS);
    }

    private List<Heartbeat> current() {
        List<Heartbeat> now = beats.get();
        keys = now.stream().map(Heartbeat::key).toList();
        return now;
    }

    private void beatAll() {
        if (!serving.getAsBoolean()) {
            return;
        }
        for (Heartbeat hb : current()) {
            producer.send(record(hb), (md, e) -> {
                if (e != null) {
                    LOG.warn("Heartbeat of {} not delivered: {}", hb.serviceType(), e.toString());
                }
            });
        }
    }

    private static ProducerRecord<String, byte[]> record(Heartbeat hb) {
        return new ProducerRecord<>(Topics.HEARTBEATS, hb.key(), Json.toBytes(hb));
    }

    /** Stops beating; with {@code farewell} writes a tombstone per guard so gateways drop this process at once. */
    public synchronized void stop(boolean farewell) {
        if (stopped) {
            return;
        }
        stopped = true;
        timer.shutdownNow();
        if (!farewell) {
            return;
        }
        for (String key : keys) {
            try {
                producer.send(new ProducerRecord<>(Topics.HEARTBEATS, key, null)).get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Farewell of {} not delivered; gateways will expire it: {}", key, e.toString());
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
