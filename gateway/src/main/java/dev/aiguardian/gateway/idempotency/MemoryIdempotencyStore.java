package dev.aiguardian.gateway.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.Future;

/** Idempotency keys in this instance's memory, bounded in count and age. */
public final class MemoryIdempotencyStore implements IdempotencyStore {
    private record Entry(Binding binding, Instant expires) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> keys;

    public MemoryIdempotencyStore(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.keys = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Future<Optional<Binding>> claim(String key, Binding proposed) {
        Instant now = clock.instant();
        Entry e = keys.get(key);
        if (e != null && e.expires().isAfter(now)) {
            return Future.succeededFuture(Optional.of(e.binding()));
        }
        keys.put(key, new Entry(proposed, now.plus(ttl)));
        return Future.succeededFuture(Optional.empty());
    }

    @Override
    public synchronized Future<Void> release(String key, Binding binding) {
        Entry e = keys.get(key);
        if (e != null && e.binding().equals(binding)) {
            keys.remove(key);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> ping() {
        return Future.succeededFuture();
    }

    @Override
    public String describe() {
        return "memory (" + ttl.toHours() + " h)";
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
