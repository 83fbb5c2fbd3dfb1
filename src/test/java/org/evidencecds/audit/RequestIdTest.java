package org.evidencecds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void isAVersion7UuidOfRfc9562CarryingTheTime() {
        long before = System.currentTimeMillis();
        UUID id = RequestId.next();
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // the bits 10: RFC 9562 (and 4122)
        long millis = id.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
        assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void theTimeFieldIsTheFirst48BitsAndOrdersTheText() {
        UUID early = RequestId.at(0x0123_4567_89abL);
        UUID late = RequestId.at(0x0123_4567_89acL);
        assertThat(early.toString()).startsWith("01234567-89ab-7");
        assertThat(late.toString()).startsWith("01234567-89ac-7");
        assertThat(early.toString()).isLessThan(late.toString());
        // the version and variant bits are set whatever the random bits are
        for (int i = 0; i < 10_000; i++) {
            UUID u = RequestId.at(i);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.getMostSignificantBits() >>> 16).isEqualTo(i);
        }
    }

    @Test
    void idsAreDistinctAcrossManyThreads() throws Exception {
        int threads = 16;
        int each = 25_000;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int duplicates = 0;
                for (int i = 0; i < each; i++) {
                    if (!seen.add(RequestId.nextString())) {
                        duplicates++;
                    }
                }
                return duplicates;
            }));
        }
        start.countDown();
        int duplicates = 0;
        for (Future<Integer> r : results) {
            duplicates += r.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(duplicates).isZero();
        assertThat(seen).hasSize(threads * each);
    }
}
