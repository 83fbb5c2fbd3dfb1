package org.evidencecds.cache;

/**
 * How much a cache of answers may hold: at most {@code maxEntries} entries and at most {@code maxBytes}
 * of estimated weight (each cache documents its estimate), whichever bound is reached first. Both bounds,
 * because a count alone does not bound memory when answers differ in size, and a weight alone lets many
 * tiny entries pile up their fixed per-entry overhead.
 */
public record CacheLimits(long maxEntries, long maxBytes) {

    private static final long MIB = 1024L * 1024L;

    /** The facade's answers by default: about 1,400 answers of ~46 KB in 64 MiB. */
    public static final CacheLimits ANSWERS = new CacheLimits(100_000, 64 * MIB);

    /** The screener's decisions by default, shared by all trials: decisions are small (well under 1 KB). */
    public static final CacheLimits SCREENING = new CacheLimits(1_000_000, 16 * MIB);

    public CacheLimits {
        if (maxEntries < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("cache limits must not be negative: " + maxEntries + " entries, " + maxBytes + " bytes");
        }
    }

    /** The same limits split evenly between {@code parts} caches, so that together they stay within these. */
    public CacheLimits share(int parts) {
        int n = Math.max(1, parts);
        return new CacheLimits(maxEntries / n, maxBytes / n);
    }
}
