package org.evidencecds.web.cdshooks;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The {@code jti} of every accepted token, per issuer, until the token could no longer be accepted anyway
 * (its exp plus the clock skew): a second use of the same token is a replay.
 *
 * <p>Bounded: expired entries go first; if the cache is still full, the entry that expires soonest is
 * dropped. Only tokens whose signature verified reach this cache, so only a trusted client could fill it.
 */
final class ReplayCache {

    private record Seen(String key, Instant forgetAfter) {
    }

    private final int capacity;
    private final Map<String, Instant> seen = new HashMap<>();
    private final PriorityQueue<Seen> byExpiry = new PriorityQueue<>((a, b) -> a.forgetAfter().compareTo(b.forgetAfter()));

    ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    /** True the first time this issuer's jti is presented, false on every later presentation. */
    synchronized boolean firstUse(String issuer, String jti, Instant forgetAfter, Instant now) {
        forgetExpired(now);
        String key = issuer + '\u0000' + jti;
        if (seen.containsKey(key)) {
            return false;
        }
        if (seen.size() >= capacity) {
            seen.remove(byExpiry.poll().key());
        }
        seen.put(key, forgetAfter);
        byExpiry.add(new Seen(key, forgetAfter));
        return true;
    }

    synchronized int size() {
        return seen.size();
    }

    private void forgetExpired(Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().forgetAfter().isBefore(now)) {
            seen.remove(byExpiry.poll().key());
        }
    }
}
