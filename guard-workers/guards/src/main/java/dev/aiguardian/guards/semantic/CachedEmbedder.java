package dev.aiguardian.guards.semantic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        float[] cached = lookup(text);
        if (cached != null) {
            return cached;
        }
        synchronized (cache) {
            misses++;
        }
        // Outside the lock: two threads may embed the same new text once each, which is harmless.
        float[] v = Vectors.normalized(model.embed(text));
        synchronized (cache) {
            cache.put(text, v);
        }
        return v;
    }

    /**
     * The embeddings of {@code texts} in order: cached ones from the cache, the others (each distinct
     * text once) from one {@link Embedder#embedAll} call to the model.
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        float[][] out = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        synchronized (cache) {
            for (int i = 0; i < out.length; i++) {
                String t = texts.get(i);
                out[i] = cache.get(t);
                if (out[i] != null) {
                    hits++;
                } else {
                    missing.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
                }
            }
            misses += missing.size();
        }
        if (!missing.isEmpty()) {
            List<String> asked = List.copyOf(missing.keySet());
            List<float[]> got = model.embedAll(asked);
            synchronized (cache) {
                for (int j = 0; j < asked.size(); j++) {
                    float[] v = Vectors.normalized(got.get(j));
                    cache.put(asked.get(j), v);
                    for (int i : missing.get(asked.get(j))) {
                        out[i] = v;
                    }
                }
            }
        }
        return List.of(out);
    }

    /** The cached embedding of {@code text} (a hit), or null without embedding it. */
    public float[] lookup(String text) {
        synchronized (cache) {
            float[] v = cache.get(text);
            if (v != null) {
                hits++;
            }
            return v;
        }
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
    public long[] wordPieceIds(String text) {
        return model.wordPieceIds(text);
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
