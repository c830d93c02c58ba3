package dev.aiguardian.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer on its own daemon thread, never on an event loop: the poll loop, wake-up on
 * close, waiting for the loop to end, and whether it makes progress (for readiness). Subclasses say
 * what to read and what to do with it.
 */
public abstract class ConsumerThread implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerThread.class);

    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final ConsumerProgress progress = new ConsumerProgress(System.nanoTime());

    protected ConsumerThread(String threadName) {
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    public final void start() {
        started = true;
        thread.start();
    }

    @Override
    public final void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps())) {
            consumer = c;
            onStart(c);
            while (!stopping) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = c.poll(pollTimeout());
                } catch (WakeupException e) {
                    continue;
                }
                onRecords(c, records);
                observe(c);
            }
            onStop(c);
        } catch (WakeupException e) {
            // woken while starting or stopping: nothing to report
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("{} stopped on an unexpected error", thread.getName(), e);
            }
        } finally {
            onExit();
            finished.countDown();
        }
    }

    /**
     * Every partition of {@code topic}, for a thread that assigns them itself. Right after the topic was
     * created this client's metadata may not list it yet (an empty answer, not an error): asks again until
     * it does, for at most 30 s.
     */
    protected final List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> c, String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<PartitionInfo> infos = c.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            if (stopping || System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions this client can see");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
    }

    // Positions already known cost nothing to read; a partition still waiting for one is left out.
    private void observe(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        long lag = 0;
        boolean lagKnown = false;
        for (TopicPartition tp : c.assignment()) {
            try {
                positions.put(tp, c.position(tp, Duration.ZERO));
            } catch (TimeoutException e) {
                continue;
            }
            OptionalLong l = c.currentLag(tp);
            if (l.isPresent()) {
                lag += l.getAsLong();
                lagKnown = true;
            }
        }
        progress.observe(positions, lagKnown ? lag : ConsumerProgress.UNKNOWN, System.nanoTime());
    }

    /** Records left to read as of the last poll, or {@link ConsumerProgress#UNKNOWN}. */
    public final long lag() {
        return progress.lag();
    }

    /** True when the consumer has records to read and has got past none of them for longer than {@code after}. */
    public final boolean isStalled(Duration after) {
        return progress.stalled(after, System.nanoTime());
    }

    /** How long since the consumer last advanced or was caught up. */
    public final Duration sinceProgress() {
        return progress.sinceProgress(System.nanoTime());
    }

    /** The consumer's settings, from {@link KafkaSettings#consumer}. */
    protected abstract Properties consumerProps();

    /** Subscribes or assigns; runs on the consumer thread before the first poll. */
    protected abstract void onStart(KafkaConsumer<String, byte[]> consumer);

    /** Handles one poll's records (possibly none). */
    protected abstract void onRecords(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records);

    /** Runs after the last poll of a clean stop, e.g. for a final commit. */
    protected void onStop(KafkaConsumer<String, byte[]> consumer) {
    }

    /** Runs whenever the thread ends, cleanly or not. */
    protected void onExit() {
    }

    protected Duration pollTimeout() {
        return Duration.ofMillis(500);
    }

    public final boolean isRunning() {
        return finished.getCount() > 0;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (started) {
            finished.await(10, TimeUnit.SECONDS);
        }
    }
}
