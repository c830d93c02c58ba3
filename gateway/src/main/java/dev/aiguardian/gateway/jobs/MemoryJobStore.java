package dev.aiguardian.gateway.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Future;

/**
 * Jobs in this instance's memory: bounded in count (the least recently touched go first) and in age.
 * Lost on restart and not shared between instances; use Postgres for either.
 */
public final class MemoryJobStore implements JobStore {
    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Job> jobs;

    public MemoryJobStore(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
        this.jobs = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
                return size() > MemoryJobStore.this.maxEntries;
            }
        };
    }

    @Override
    public synchronized Future<Void> createPending(Job job) {
        jobs.putIfAbsent(job.requestId(), job);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<Job>> recordResults(List<ObjectNode> results) {
        Instant now = clock.instant();
        List<Job> changed = new ArrayList<>();
        for (ObjectNode result : results) {
            String id = result.path("request_id").asText();
            Job existing = jobs.get(id);
            if (existing != null && existing.status() != Job.Status.PENDING) {
                continue;
            }
            Job done = existing == null
                    ? new Job(id, result.path("service_type").asText(), Job.Status.ofResult(result), Optional.of(result),
                    Optional.empty(), Job.CallbackState.NONE, now, now)
                    : new Job(id, existing.serviceType(), Job.Status.ofResult(result), Optional.of(result),
                    existing.callbackUrl(), existing.callback(), existing.createdAt(), now);
            jobs.put(id, done);
            changed.add(done);
        }
        return Future.succeededFuture(changed);
    }

    @Override
    public synchronized Future<Optional<Job>> find(String requestId) {
        Job job = jobs.get(requestId);
        if (job != null && job.updatedAt().plus(ttl).isBefore(clock.instant())) {
            jobs.remove(requestId);
            job = null;
        }
        return Future.succeededFuture(Optional.ofNullable(job));
    }

    @Override
    public synchronized Future<Void> recordCallback(String requestId, Job.CallbackState state) {
        jobs.computeIfPresent(requestId, (id, j) -> new Job(j.requestId(), j.serviceType(), j.status(), j.result(),
                j.callbackUrl(), state, j.createdAt(), clock.instant()));
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> ping() {
        return Future.succeededFuture();
    }

    @Override
    public String describe() {
        return "memory (at most " + maxEntries + " jobs, " + ttl.toHours() + " h)";
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
