package dev.aiguardian.gateway.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;

import io.vertx.core.Future;

/**
 * Jobs in this instance's memory: bounded in count, in bytes and in age (the least recently touched go
 * first). Lost on restart and not shared between instances; use Postgres for either.
 */
public final class MemoryJobStore implements JobStore {
    // What an entry costs besides its result bytes: the job, its map entry, ids and timestamps (measured with a
    // heap histogram: about 350 bytes). Counted so that many tiny results cannot escape the byte bound.
    private static final int ENTRY_OVERHEAD = 400;

    private final int maxEntries;
    private final long maxBytes;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Stored> jobs = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    /**
     * A job with its result kept as the JSON bytes written on guard.results: a parsed tree costs 4-5 times as
     * much heap (about 5 KB for a tokenguard result), and results are written far more often than they are read.
     */
    private record Stored(Job job, byte[] result) {
        long size() {
            return ENTRY_OVERHEAD + (result == null ? 0 : result.length);
        }

        Job toJob() {
            if (result == null) {
                return job;
            }
            try {
                ObjectNode tree = (ObjectNode) Json.mapper().readTree(result);
                return new Job(job.requestId(), job.serviceType(), job.status(), Optional.of(tree), job.callbackUrl(),
                        job.callback(), job.createdAt(), job.updatedAt());
            } catch (IOException e) {
                throw new UncheckedIOException("a stored result no longer parses: " + job.requestId(), e);
            }
        }

        static Stored of(Job job) {
            byte[] result = job.result().map(Json::toBytes).orElse(null);
            return new Stored(new Job(job.requestId(), job.serviceType(), job.status(), Optional.empty(),
                    job.callbackUrl(), job.callback(), job.createdAt(), job.updatedAt()), result);
        }
    }

    public MemoryJobStore(int maxEntries, long maxBytes, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized Future<Void> createPending(Job job) {
        if (!jobs.containsKey(job.requestId())) {
            put(Stored.of(job));
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<Job>> recordResults(List<ObjectNode> results) {
        Instant now = clock.instant();
        List<Job> changed = new ArrayList<>();
        for (ObjectNode result : results) {
            String id = result.path("request_id").asText();
            Stored existing = jobs.get(id);
            if (existing != null && existing.job().status() != Job.Status.PENDING) {
                continue;
            }
            Job before = existing == null ? null : existing.job();
            Job done = before == null
                    ? new Job(id, result.path("service_type").asText(), Job.Status.ofResult(result), Optional.of(result),
                    Optional.empty(), Job.CallbackState.NONE, now, now)
                    : new Job(id, before.serviceType(), Job.Status.ofResult(result), Optional.of(result),
                    before.callbackUrl(), before.callback(), before.createdAt(), now);
            put(Stored.of(done));
            changed.add(done);
        }
        return Future.succeededFuture(changed);
    }

    @Override
    public synchronized Future<Optional<Job>> find(String requestId) {
        Stored stored = jobs.get(requestId);
        if (stored != null && stored.job().updatedAt().plus(ttl).isBefore(clock.instant())) {
            remove(requestId);
            stored = null;
        }
        return Future.succeededFuture(Optional.ofNullable(stored).map(Stored::toJob));
    }

    @Override
    public synchronized Future<Void> recordCallback(String requestId, Job.CallbackState state) {
        Stored s = jobs.get(requestId);
        if (s != null) {
            Job j = s.job();
            put(new Stored(new Job(j.requestId(), j.serviceType(), j.status(), Optional.empty(), j.callbackUrl(), state,
                    j.createdAt(), clock.instant()), s.result()));
        }
        return Future.succeededFuture();
    }

    /** Jobs held and the bytes they are counted as: for tests and the readiness description. */
    synchronized long[] usage() {
        return new long[] {jobs.size(), bytes};
    }

    private void put(Stored stored) {
        Stored old = jobs.put(stored.job().requestId(), stored);
        bytes += stored.size() - (old == null ? 0 : old.size());
        Iterator<Stored> eldest = jobs.values().iterator();
        while ((jobs.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            Stored gone = eldest.next();
            if (gone == stored) {
                break;
            }
            eldest.remove();
            bytes -= gone.size();
        }
    }

    private void remove(String requestId) {
        Stored gone = jobs.remove(requestId);
        if (gone != null) {
            bytes -= gone.size();
        }
    }

    @Override
    public Future<Void> ping() {
        return Future.succeededFuture();
    }

    @Override
    public String describe() {
        return "memory (at most " + maxEntries + " jobs, " + (maxBytes >> 20) + " MB, " + ttl.toHours() + " h)";
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
