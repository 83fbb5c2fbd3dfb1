package org.evidencecds.cache;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.Collection;

/**
 * A snapshot of a cache's counters, for metrics: read from whatever cache is current, since a knowledge
 * swap replaces the cache object (counters restart with it). {@code weight} is the estimated bytes held.
 */
public record CacheStats(long hits, long misses, long evictions, long estimatedSize, long weight) {

    public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0);

    public static CacheStats of(Cache<?, ?> cache) {
        var s = cache.stats();
        long weight = cache.policy().eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L);
        return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize(), weight);
    }

    public CacheStats plus(CacheStats o) {
        return new CacheStats(hits + o.hits, misses + o.misses, evictions + o.evictions, estimatedSize + o.estimatedSize, weight + o.weight);
    }

    public static CacheStats sum(Collection<CacheStats> all) {
        return all.stream().reduce(EMPTY, CacheStats::plus);
    }

    /** Hits over lookups; 0 before any lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
