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
     * {@code bytes} estimates an entry's heap size. Caffeine takes one eviction bound, so the entry bound is folded into the weight: every entry weighs at
     * least {@code maxBytes / maxEntries}, which means no more than {@code maxEntries} entries ever fit.
     */
    public static <K, V> Cache<K, V> build(CacheLimits limits, ToLongBiFunction<? super K, ? super V> bytes) {
        long floor = limits.maxEntries() == 0 ? Long.MAX_VALUE : Math.max(1, limits.maxBytes() / limits.maxEntries());
        Weigher<K, V> weigher = (k, v) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, bytes.applyAsLong(k, v)));
        return Caffeine.newBuilder().maximumWeight(limits.maxBytes()).weigher(weigher).recordStats().build();
    }
}
