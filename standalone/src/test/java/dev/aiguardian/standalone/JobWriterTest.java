package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.config.Env;
import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.gateway.jobs.JobStore;
import dev.aiguardian.gateway.jobs.JobWriter;
import dev.aiguardian.gateway.jobs.ResultRejectedException;
import dev.aiguardian.kafka.KafkaSettings;
import dev.aiguardian.schemas.HeaderNames;
import dev.aiguardian.schemas.Json;
import dev.aiguardian.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;

/**
 * The job writer against the real broker and a job store that misbehaves on purpose: a store that
 * refuses one result, and a store that is down. The first is dead-lettered and the rest written; the
 * second is waited for, never dead-lettered, and reported.
 */
@ExtendWith(KafkaExtension.class)
class JobWriterTest {

    /** A job store in memory that can refuse chosen results (as PostgreSQL refuses a data error) or be down. */
    private static final class UnreliableStore implements JobStore {
        final Map<String, ObjectNode> stored = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> aloneAttempts = new ConcurrentHashMap<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public Future<Void> createPending(Job job) {
            return Future.succeededFuture();
        }

        @Override
        public synchronized Future<List<Job>> recordResults(List<ObjectNode> results) {
            if (down) {
                return Future.failedFuture(new java.net.ConnectException("Connection refused: 127.0.0.1:5432"));
            }
            for (ObjectNode r : results) {
                String id = r.path("request_id").asText();
                if (results.size() == 1) {
                    aloneAttempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                }
                if (refused.contains(id) && !"failed".equals(r.path("status").asText())) {
                    // Like one PostgreSQL batch: a refused row leaves none of the others written.
                    return Future.failedFuture(new ResultRejectedException("22P05",
                            "unsupported Unicode escape sequence in the result of " + id, null));
                }
            }
            List<Job> changed = new ArrayList<>();
            for (ObjectNode r : results) {
                String id = r.path("request_id").asText();
                if (stored.putIfAbsent(id, r) == null) {
                    changed.add(new Job(id, r.path("service_type").asText(), Job.Status.ofResult(r), Optional.of(r),
                            Optional.empty(), Job.CallbackState.NONE, Instant.now(), Instant.now()));
                }
            }
            return Future.succeededFuture(changed);
        }

        @Override
        public Future<Optional<Job>> find(String requestId) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Void> recordCallback(String requestId, Job.CallbackState state) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> ping() {
            return down ? Future.failedFuture("down") : Future.succeededFuture();
        }

        @Override
        public String describe() {
            return "unreliable test store";
        }

        @Override
        public void close() {
        }
    }

    private static GatewayConfig config(String bootstrap) {
        return GatewayConfig.fromEnv(Env.of(Map.of())).withKafka(KafkaSettings.of(bootstrap));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                // Linger so that the results share a batch and reach the writer in one poll.
                ProducerConfig.LINGER_MS_CONFIG, "50"));
    }

    private static byte[] result(String id, String text) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("request_id", id);
        r.put("service_type", "tokenguard");
        r.put("status", "completed");
        r.put("verdict", "allow");
        r.put("score", 0.0);
        r.putObject("result").put("token_count", 2).put("encoding", "cl100k_base").put("optimized_text", text);
        return Json.toBytes(r);
    }

    private static void publish(KafkaProducer<String, byte[]> producer, Map<String, String> results) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        // One key for all: one partition, so the refused result sits between the others in one batch.
        results.forEach((id, text) -> sent.add(producer.send(new ProducerRecord<>(Topics.RESULTS, 0, id,
                result(id, text)))));
        producer.flush();
        for (java.util.concurrent.Future<?> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    private static long dlqEnd(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.DLQ)).allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.DLQ)
                    .partitions().forEach(p -> latest.put(new TopicPartition(Topics.DLQ, p.partition()),
                            OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }

    @Test
    void aResultTheStoreRefusesIsRetriedThenDeadLetteredAndTheOthersAreWritten(String bootstrap) throws Exception {
        UnreliableStore store = new UnreliableStore();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Job> finished = new CopyOnWriteArrayList<>();
        String marker = "refused-" + UUID.randomUUID();
        String before = "before-" + UUID.randomUUID();
        String bad = "bad-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        store.refused.add(bad);
        try (JobWriter writer = new JobWriter(config(bootstrap), store, false, registry, finished::add);
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            writer.start();
            Await.until(Duration.ofSeconds(30), writer::isStarted, "the job writer has its position");
            Map<String, String> results = new java.util.LinkedHashMap<>();
            results.put(before, "fine");
            results.put(bad, "the store cannot take this " + marker);
            results.put(after, "fine too");
            publish(producer, results);

            Await.until(Duration.ofSeconds(30), () -> store.stored.containsKey(before) && store.stored.containsKey(after),
                    "the results around the refused one are written");
            ConsumerRecord<String, byte[]> dead = DeadLetterTest.dlqRecords(bootstrap, marker).get(0);
            assertThat(dead.key()).isEqualTo(bad);
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_REASON)).isEqualTo(JobWriter.REJECTED);
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_ATTEMPTS)).isEqualTo("3");
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.RESULTS);
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_EXCEPTION_CLASS))
                    .isEqualTo(ResultRejectedException.class.getName());
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_EXCEPTION_MESSAGE)).contains("unsupported Unicode");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains(marker);
            // Tried on its own exactly JOB_WRITE_MAX_ATTEMPTS (3) times; then its job is closed, not left pending.
            Await.until(Duration.ofSeconds(30), () -> store.stored.containsKey(bad), "the refused job is closed");
            assertThat(store.aloneAttempts.get(bad).get()).isEqualTo(3 + 1);
            assertThat(store.stored.get(bad).get("status").asText()).isEqualTo("failed");
            assertThat(store.stored.get(bad).at("/error/type").asText()).isEqualTo("result_not_stored");
            assertThat(store.stored.get(bad).at("/error/message").asText()).contains("22P05", Topics.DLQ);
            assertThat(finished).extracting(Job::requestId).contains(before, bad, after);
            assertThat(registry.counter("aiguardian.job.writer.dead.letters", "reason", JobWriter.REJECTED).count())
                    .isEqualTo(1.0);
            assertThat(writer.problem(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aStoreThatIsDownIsWaitedForNeverDeadLetteredAndReportedUntilItAnswers(String bootstrap) throws Exception {
        UnreliableStore store = new UnreliableStore();
        String first = "down-1-" + UUID.randomUUID();
        String second = "down-2-" + UUID.randomUUID();
        try (JobWriter writer = new JobWriter(config(bootstrap), store, false, new SimpleMeterRegistry(), j -> { });
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            writer.start();
            Await.until(Duration.ofSeconds(30), writer::isStarted, "the job writer has its position");
            long dlqBefore = dlqEnd(bootstrap);
            store.down = true;
            publish(producer, Map.of(first, "while the store is down", second, "also while it is down"));

            Await.until(Duration.ofSeconds(30), () -> writer.problem(Duration.ofMinutes(5)).isPresent(),
                    "readiness hears that the writer is blocked");
            assertThat(writer.problem(Duration.ofMinutes(5)).orElseThrow()).contains("Connection refused");
            Await.until(Duration.ofSeconds(30), () -> writer.isStalled(Duration.ofSeconds(2)),
                    "no progress for 2 s with results waiting is a stall");
            assertThat(writer.lag()).isGreaterThanOrEqualTo(2);
            assertThat(store.stored).doesNotContainKeys(first, second);
            assertThat(dlqEnd(bootstrap)).as("nothing dead-lettered for an outage").isEqualTo(dlqBefore);

            store.down = false;
            Await.until(Duration.ofSeconds(30), () -> store.stored.containsKey(first) && store.stored.containsKey(second),
                    "everything is written once the store answers");
            Await.until(Duration.ofSeconds(30), () -> writer.problem(Duration.ofSeconds(2)).isEmpty(),
                    "ready again");
            assertThat(writer.isStalled(Duration.ofSeconds(2))).isFalse();
            assertThat(dlqEnd(bootstrap)).isEqualTo(dlqBefore);
        }
    }

    @Test
    void theSharedWriterDeadLettersARecordThatIsNotAResult(String bootstrap) throws Exception {
        UnreliableStore store = new UnreliableStore();
        String marker = "not-a-result-" + UUID.randomUUID();
        String good = "good-" + UUID.randomUUID();
        try (JobWriter writer = new JobWriter(config(bootstrap), store, true, new SimpleMeterRegistry(), j -> { });
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            writer.start();
            producer.send(new ProducerRecord<>(Topics.RESULTS, 0, "junk",
                    ("{ this is not a result " + marker).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            publish(producer, Map.of(good, "after the junk"));
            ConsumerRecord<String, byte[]> dead = DeadLetterTest.dlqRecords(bootstrap, marker).get(0);
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_REASON)).isEqualTo(JobWriter.UNREADABLE);
            assertThat(DeadLetterTest.header(dead, HeaderNames.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.RESULTS);
            Await.until(Duration.ofSeconds(60), () -> store.stored.containsKey(good), "the next result is written");
        }
    }
}
