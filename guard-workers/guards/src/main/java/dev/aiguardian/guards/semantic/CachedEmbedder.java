package dev.aiguardian.guards.semantic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link Embedder} with a bounded LRU cache: repeated sentences (boilerplate, retried prompts,
 * the same system text on every turn) cost a map lookup instead of a model run. Keyed by the text
 * itself (its hash finds the bucket, equality guards against collisions). Thread-safe.
 */
public final class CachedEmbedder implements Embedder {
    private final Embedder model;
    private final Map<String, float[]> cache;
    private long hits;
    private long misses;

    public CachedEmbedder(Embedder model, int maxEntries) {
        this.model = model;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public float[] embed(String text) {
        synchronized (cache) {
            float[] v = cache.get(text);
            if (v != null) {
                hits++;
                return v;
            }
            misses++;
        }
        // Outside the lock: two threads may embed the same new text once each, which is harmless.
        float[] v = Vectors.normalized(model.embed(text));
        synchronized (cache) {
            cache.put(text, v);
        }
        return v;
    }

    /** True when {@code text} is cached: costs nothing to embed. */
    public boolean cached(String text) {
        synchronized (cache) {
            return cache.containsKey(text);
        }
    }

    public long hits() {
        synchronized (cache) {
            return hits;
        }
    }

    public long misses() {
        synchronized (cache) {
            return misses;
        }
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public String name() {
        return model.name();
    }
}
