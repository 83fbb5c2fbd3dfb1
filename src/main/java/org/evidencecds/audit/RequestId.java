package org.evidencecds.audit;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids generated when a caller gives none: time-ordered UUIDs, version 7 of RFC 9562 (48 bits of Unix
 * time in milliseconds, the version 0111, 12 random bits, the variant 10, 62 random bits), written like any
 * UUID (36 characters, so they pass {@code web.RequestIds} and fit the request_id column).
 *
 * <p>The random bits come from {@link ThreadLocalRandom}, not from {@link UUID#randomUUID()}: that one draws
 * from one shared {@code SecureRandom}, which request threads queue for under load. Request ids need to be
 * unique, not secret: nothing is looked up or authorised by a request id (the audit log is read by row id and
 * only by auditors), and the id is sent back to the caller anyway. Unique: 74 random bits per millisecond;
 * each thread's generator has its own seed (a 64-bit state stepped by a bijection), so two threads do not
 * draw the same sequence. Where an id must not be guessable (a CDS card's uuid, a token's jti) keep
 * {@code UUID.randomUUID()}.
 */
public final class RequestId {

    private RequestId() {
    }

    /** A new version 7 UUID for the current time. */
    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    /** {@link #next()} as text, e.g. {@code 0192f3a4-5b6c-7d8e-9f01-23456789abcd}. */
    public static String nextString() {
        return next().toString();
    }

    static UUID at(long unixMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long randA = random.nextLong() & 0xfffL;                        // 12 bits
        long randB = random.nextLong() & 0x3fff_ffff_ffff_ffffL;       // 62 bits
        long msb = (unixMillis & 0xffff_ffff_ffffL) << 16 | 0x7000L | randA;
        long lsb = 0x8000_0000_0000_0000L | randB;
        return new UUID(msb, lsb);
    }
}
