package org.evidencecds.web.cdshooks;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JWK sets by URL, kept for a few minutes so that a call does not wait on the EHR's key server each time.
 * An unknown {@code kid} triggers one refetch (the EHR may have rotated its keys), but not more often than
 * every {@link #MIN_REFETCH}: a stream of tokens with made-up kids must not turn this service into a
 * flood of requests against the EHR.
 */
final class JwkSetCache {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration MIN_REFETCH = Duration.ofSeconds(10);
    /** jku URLs come from tokens (within allowed prefixes): their number must not grow without bound. */
    static final int MAX_SETS = 100;

    private record Cached(JWKSet set, Instant fetchedAt) {
    }

    private final JwkSetFetcher fetcher;
    private final Clock clock;
    private final Map<URI, Cached> sets = new ConcurrentHashMap<>();

    JwkSetCache(JwkSetFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** The key named {@code kid} in the set at {@code url}; empty if the set has none even after a refetch. */
    Optional<JWK> key(URI url, String kid) throws IOException {
        Instant now = clock.instant();
        Cached cached = sets.get(url);
        if (cached == null || !now.isBefore(cached.fetchedAt().plus(TTL))) {
            cached = fetch(url, now);
        }
        JWK key = cached.set().getKeyByKeyId(kid);
        if (key == null && now.isAfter(cached.fetchedAt().plus(MIN_REFETCH))) {
            key = fetch(url, now).set().getKeyByKeyId(kid);
        }
        return Optional.ofNullable(key);
    }

    private Cached fetch(URI url, Instant now) throws IOException {
        Cached fresh = new Cached(fetcher.fetch(url), now);
        if (sets.size() >= MAX_SETS && !sets.containsKey(url)) {
            sets.entrySet().stream().min(Comparator.comparing(e -> e.getValue().fetchedAt()))
                    .ifPresent(oldest -> sets.remove(oldest.getKey()));
        }
        sets.put(url, fresh);
        return fresh;
    }
}
