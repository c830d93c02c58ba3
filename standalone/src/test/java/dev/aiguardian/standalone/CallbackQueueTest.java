package dev.aiguardian.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.gateway.jobs.CallbackQueue;
import dev.aiguardian.gateway.jobs.Job;
import dev.aiguardian.gateway.jobs.JobStoreConfig;
import dev.aiguardian.gateway.jobs.PgJobStore;
import dev.aiguardian.schemas.Json;
import io.vertx.core.Vertx;

/**
 * The durable callback queue in the real PostgreSQL, without HTTP: what enters it, that two instances
 * claiming at once never get the same attempt, and what a lapsed lease leads to.
 */
class CallbackQueueTest {
    private static final Duration LONG_LEASE = Duration.ofMinutes(1);

    private static ObjectNode result(String id) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("request_id", id);
        r.put("service_type", "tokenguard");
        r.put("status", "completed");
        r.put("verdict", "allow");
        r.put("score", 0.0);
        r.putObject("result").put("token_count", 3);
        return r;
    }

    /** Jobs accepted with a callback URL and completed: each is one queued delivery. */
    private static void completeWithCallbacks(PgJobStore store, List<String> ids) throws Exception {
        for (String id : ids) {
            store.createPending(Job.pending(id, "tokenguard", Optional.of("http://example.com/hook/" + id),
                    java.time.Instant.now())).await(30, TimeUnit.SECONDS);
        }
        store.recordResults(ids.stream().map(CallbackQueueTest::result).toList()).await(30, TimeUnit.SECONDS);
    }

    private static PgJobStore open(Vertx vertx, TestSchema schema) throws Exception {
        return PgJobStore.open(vertx, JobStoreConfig.inMemory().withDatabase(schema.url())).await(30, TimeUnit.SECONDS);
    }

    @Test
    void aCompletedJobWithACallbackIsQueuedOnceAndOthersNot() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestSchema schema = TestSchema.create(); PgJobStore store = open(vertx, schema)) {
            CallbackQueue queue = store.callbackQueue().orElseThrow();
            completeWithCallbacks(store, List.of("q-1"));
            store.createPending(Job.pending("q-none", "tokenguard", Optional.empty(), java.time.Instant.now()))
                    .await(30, TimeUnit.SECONDS);
            store.recordResults(List.of(result("q-none"))).await(30, TimeUnit.SECONDS);

            List<CallbackQueue.Claim> claims = queue.claimDue(10, "a", LONG_LEASE, 3).await(30, TimeUnit.SECONDS);
            assertThat(claims).singleElement().satisfies(c -> {
                assertThat(c.requestId()).isEqualTo("q-1");
                assertThat(c.attempt()).isEqualTo(1);
                assertThat(c.callbackUrl()).isEqualTo("http://example.com/hook/q-1");
                assertThat(Json.mapper().readTree(c.body()).at("/result/token_count").asInt()).isEqualTo(3);
            });
            assertThat(queue.finish(claims.get(0), "a", new Job.CallbackState(Job.CallbackState.DELIVERED, 1, null,
                    java.time.Instant.now())).await(30, TimeUnit.SECONDS)).isTrue();
            // A redelivered result changes nothing: the callback is not queued a second time.
            assertThat(store.recordResults(List.of(result("q-1"))).await(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(queue.claimDue(10, "a", LONG_LEASE, 3).await(30, TimeUnit.SECONDS)).isEmpty();
            Job job = store.find("q-1").await(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(job.callback().status()).isEqualTo(Job.CallbackState.DELIVERED);
            assertThat(job.callback().attempts()).isEqualTo(1);
        } finally {
            vertx.close();
        }
    }

    @Test
    void twoInstancesClaimingAtOnceNeverGetTheSameAttempt() throws Exception {
        int jobs = 150;
        int maxAttempts = 3;
        Vertx vertxA = Vertx.vertx();
        Vertx vertxB = Vertx.vertx();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (TestSchema schema = TestSchema.create(); PgJobStore a = open(vertxA, schema);
             PgJobStore b = open(vertxB, schema)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                ids.add("race-" + i);
            }
            completeWithCallbacks(a, ids);
            Set<String> claimed = ConcurrentHashMap.newKeySet();
            List<String> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
            Map<String, Integer> perOwner = new ConcurrentHashMap<>();
            List<Future<Void>> runs = new ArrayList<>();
            for (var owner : Map.of("A", a, "B", b).entrySet()) {
                CallbackQueue queue = owner.getValue().callbackQueue().orElseThrow();
                runs.add(threads.submit((Callable<Void>) () -> {
                    // Each claimed attempt fails at once and is due again at once, until the last one ends it.
                    for (int empty = 0; empty < 3; ) {
                        List<CallbackQueue.Claim> batch = queue.claimDue(7, owner.getKey(), LONG_LEASE, maxAttempts)
                                .await(30, TimeUnit.SECONDS);
                        empty = batch.isEmpty() ? empty + 1 : 0;
                        for (CallbackQueue.Claim c : batch) {
                            if (!claimed.add(c.requestId() + "#" + c.attempt())) {
                                duplicates.add(c.requestId() + "#" + c.attempt() + " by " + owner.getKey());
                            }
                            perOwner.merge(owner.getKey(), 1, Integer::sum);
                            boolean recorded = c.attempt() < maxAttempts
                                    ? queue.retryLater(c, owner.getKey(), Duration.ZERO, "HTTP 503")
                                    .await(30, TimeUnit.SECONDS)
                                    : queue.finish(c, owner.getKey(), new Job.CallbackState(Job.CallbackState.FAILED,
                                    c.attempt(), "HTTP 503", null)).await(30, TimeUnit.SECONDS);
                            assertThat(recorded).as("outcome of %s#%d recorded", c.requestId(), c.attempt()).isTrue();
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
            assertThat(duplicates).as("attempts claimed twice").isEmpty();
            assertThat(claimed).hasSize(jobs * maxAttempts);
            assertThat(perOwner).as("both instances took part").containsKeys("A", "B");
            for (String id : ids) {
                Job job = b.find(id).await(30, TimeUnit.SECONDS).orElseThrow();
                assertThat(job.callback().status()).as(id).isEqualTo(Job.CallbackState.FAILED);
                assertThat(job.callback().attempts()).as(id).isEqualTo(maxAttempts);
            }
            System.out.printf("Callback queue race: %d attempts, A claimed %d, B claimed %d, none twice%n",
                    claimed.size(), perOwner.get("A"), perOwner.get("B"));
        } finally {
            threads.shutdownNow();
            vertxA.close();
            vertxB.close();
        }
    }

    @Test
    void aLapsedLeaseHandsTheDeliveryOnAndTheLastAttemptIsNeverRepeated() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestSchema schema = TestSchema.create(); PgJobStore store = open(vertx, schema)) {
            CallbackQueue queue = store.callbackQueue().orElseThrow();
            completeWithCallbacks(store, List.of("lease-1"));
            Duration shortLease = Duration.ofMillis(300);
            CallbackQueue.Claim first = queue.claimDue(10, "dead", shortLease, 2).await(30, TimeUnit.SECONDS).get(0);
            // While the lease holds, nobody else may take the delivery.
            assertThat(queue.claimDue(10, "alive", shortLease, 2).await(30, TimeUnit.SECONDS)).isEmpty();
            List<CallbackQueue.Claim> second = new ArrayList<>();
            Await.until(Duration.ofSeconds(10), () -> {
                second.addAll(queue.claimDue(10, "alive", LONG_LEASE, 2).await());
                return !second.isEmpty();
            }, "the delivery claimable once the lease lapsed");
            assertThat(second.get(0).attempt()).isEqualTo(2);
            // The first claimant comes back too late: its outcome is not written over the new owner's.
            assertThat(queue.retryLater(first, "dead", Duration.ZERO, "late").await(30, TimeUnit.SECONDS)).isFalse();

            // attempt 2 of 2 is claimed again with a short lease, and its claimant dies: no third attempt, a failure.
            assertThat(queue.finish(second.get(0), "other", Job.CallbackState.NONE).await(30, TimeUnit.SECONDS))
                    .as("a non-owner cannot end it").isFalse();
            assertThat(queue.failAbandoned(2).await(30, TimeUnit.SECONDS)).as("leased, not abandoned").isEmpty();
            schema.execute("UPDATE " + schema.name() + ".guard_callback_queue SET lease_until = now() - interval '1 s'");
            assertThat(queue.claimDue(10, "alive", LONG_LEASE, 2).await(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(queue.failAbandoned(2).await(30, TimeUnit.SECONDS)).containsExactly("lease-1");
            Job job = store.find("lease-1").await(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(job.callback().status()).isEqualTo(Job.CallbackState.FAILED);
            assertThat(job.callback().attempts()).isEqualTo(2);
            assertThat(job.callback().lastError()).contains("attempt 2 of 2 has no recorded outcome");
        } finally {
            vertx.close();
        }
    }
}
