package org.evidencecds.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import java.util.function.ToLongBiFunction;

/** Builds a cache bounded both by entries and by estimated bytes (see {@link CacheLimits}), with statistics on. */
public final class BoundedCaches {

    private BoundedCaches() {
    }

    /**
     * {@code bytes} estimates an entry's heap size. Caffeine takes one eviction bound, so the entry bound is
     * folded into the weight: every entry weighs at least {@code maxWeight / maxEntries}, which means no more
     * than {@code maxEntries} entries ever fit. A weight is an int, so the byte bound is lowered (never
     * raised) to keep that floor within one.
     */
    public static <K, V> Cache<K, V> build(CacheLimits limits, ToLongBiFunction<? super K, ? super V> bytes) {
        long entries = limits.maxEntries();
        long maxWeight = entries == 0 ? 0
                : entries > Long.MAX_VALUE / Integer.MAX_VALUE ? limits.maxBytes() : Math.min(limits.maxBytes(), entries * Integer.MAX_VALUE);
        long floor = entries == 0 ? 1 : Math.max(1, maxWeight / entries);
        Weigher<K, V> weigher = (k, v) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, bytes.applyAsLong(k, v)));
        // eviction runs on the writing thread, not in the common pool: the bound holds as soon as a put returns,
        // and a burst of misses cannot outrun a background cleaner
        return Caffeine.newBuilder().maximumWeight(maxWeight).weigher(weigher).executor(Runnable::run).recordStats().build();
    }
}
