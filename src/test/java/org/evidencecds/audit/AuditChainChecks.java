package org.evidencecds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same checks for every database the log runs on (H2 in the build, PostgreSQL in CI). */
final class AuditChainChecks {

    private AuditChainChecks() {
    }

    static AuditLog.Entry entry(String requestId) {
        return new AuditLog.Entry(requestId, "rest", "hmac:abc", "{\"ulcerAreaCm2\":12.0}", "dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.x",
                List.of("dfu-cell-therapy/ulcer-healing/overall", "assembly/headline/overall"), "sha256:00");
    }

    /** 64 concurrent writers: every request has exactly one row and the chain holds. */
    static void concurrentWriters(AuditLog log) throws Exception {
        long before = log.count();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<?>> futures = new ArrayList<>();
        String prefix = "c-" + System.nanoTime() + "-";
        for (int w = 0; w < 64; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    log.record(entry(prefix + writer + "-" + i));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(log.count() - before).isEqualTo(640);
        Set<String> ids = new HashSet<>();
        long after = 0;
        for (List<AuditLog.Row> page = log.read(after, 1000); !page.isEmpty(); page = log.read(after, 1000)) {
            for (AuditLog.Row r : page) {
                if (r.requestId().startsWith(prefix)) {
                    assertThat(ids.add(r.requestId())).as("one row per request: " + r.requestId()).isTrue();
                }
                after = r.id();
            }
        }
        assertThat(ids).hasSize(640);
        assertThat(log.verify().ok()).isTrue();
    }

    /** A changed row and a removed row are each named by verify(). */
    static void tamperingIsFound(AuditLog log, DataSource ds) {
        List<Long> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recorded.add(log.record(entry("t-" + i)));
        }
        assertThat(log.verify()).satisfies(v -> assertThat(v.ok()).isTrue());
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.update("UPDATE audit_log SET inputs = ? WHERE id = ?", "{\"ulcerAreaCm2\":3.0}", recorded.get(2));
        AuditLog.Verification changed = log.verify();
        assertThat(changed.ok()).isFalse();
        assertThat(changed.firstBrokenId()).isEqualTo(recorded.get(2));
        assertThat(changed.reason()).contains("content does not match its hash");
        jdbc.update("UPDATE audit_log SET inputs = ? WHERE id = ?", "{\"ulcerAreaCm2\":12.0}", recorded.get(2));
        assertThat(log.verify().ok()).isTrue();
        jdbc.update("DELETE FROM audit_log WHERE id = ?", recorded.get(1));
        AuditLog.Verification removed = log.verify();
        assertThat(removed.firstBrokenId()).isEqualTo(recorded.get(2));
        assertThat(removed.reason()).contains("prev_hash does not match");
    }
}
