package org.evidencecds.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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

    /**
     * Each distinct list of fired rules is stored once and rows refer to it; rows written before (the list
     * inline) still verify beside them; a changed stored list breaks the first row that refers to it, and a
     * removed one is named as missing.
     */
    static void firedRuleSetsAreStoredOnce(AuditLog log, DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        String tag = Long.toString(System.nanoTime());
        List<String> first = List.of("dfu-cell-therapy/level/ulcer-area/ge-10-cm2", "dfu-cell-therapy/ulcer-healing/overall-" + tag);
        List<String> second = List.of("t2dm-msc/hba1c/overall-" + tag);
        long a = log.record(withFired(entry("s-a"), first));
        long b = log.record(withFired(entry("s-b"), first));
        long c = log.record(withFired(entry("s-c"), second));
        Map<Long, String> stored = new HashMap<>();
        jdbc.query("SELECT id, fired_rules, fired_rule_set FROM audit_log WHERE id IN (?, ?, ?)",
                rs -> {
                    assertThat(rs.getString("fired_rules")).as("not inline").isEmpty();
                    stored.put(rs.getLong("id"), rs.getString("fired_rule_set"));
                }, a, b, c);
        assertThat(stored.get(a)).isEqualTo(stored.get(b)).isNotEqualTo(stored.get(c)).startsWith("sha256:");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fired_rule_set WHERE digest IN (?, ?)", Long.class, stored.get(a), stored.get(c)))
                .isEqualTo(2L);
        assertThat(log.row(b).orElseThrow().firedRules()).isEqualTo(String.join("\n", first));
        assertThat(log.row(c).orElseThrow().firedRules()).isEqualTo(String.join("\n", second));

        // a row as written before sets existed (list inline, no set), chained after c, then a new row after it
        String head = jdbc.queryForObject("SELECT last_hash FROM audit_chain_head WHERE id = 1", String.class);
        long oldId = jdbc.queryForObject("SELECT last_id FROM audit_chain_head WHERE id = 1", Long.class) + 1;
        OffsetDateTime at = OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        AuditLog.Entry old = withFired(entry("s-old"), List.of("dfu-cell-therapy/harms"));
        String oldHash = AuditLog.hash(at, old.requestId(), old.channel(), old.patientRef(), old.inputsJson(), old.knowledgeVersion(),
                "dfu-cell-therapy/harms", old.outputDigest(), head);
        jdbc.update("INSERT INTO audit_log (id, recorded_at, request_id, channel, patient_ref, inputs, knowledge_version, fired_rules, "
                + "output_digest, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)", oldId, java.sql.Timestamp.from(at.toInstant()),
                old.requestId(), old.channel(), old.patientRef(), old.inputsJson(), old.knowledgeVersion(), "dfu-cell-therapy/harms",
                old.outputDigest(), head, oldHash);
        jdbc.update("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1", oldId, oldHash);
        long d = log.record(withFired(entry("s-d"), first));
        assertThat(log.row(oldId).orElseThrow().firedRules()).isEqualTo("dfu-cell-therapy/harms");
        assertThat(log.row(d).orElseThrow().firedRules()).isEqualTo(String.join("\n", first));
        assertThat(log.verify().ok()).isTrue();

        jdbc.update("UPDATE fired_rule_set SET rules = ? WHERE digest = ?", "dfu-cell-therapy/harms", stored.get(a));
        AuditLog.Verification changed = log.verify();
        assertThat(changed.ok()).isFalse();
        assertThat(changed.firstBrokenId()).isEqualTo(a);
        assertThat(changed.reason()).contains("content does not match its hash");
        jdbc.update("UPDATE fired_rule_set SET rules = ? WHERE digest = ?", String.join("\n", first), stored.get(a));
        assertThat(log.verify().ok()).isTrue();

        jdbc.update("DELETE FROM fired_rule_set WHERE digest = ?", stored.get(c));
        AuditLog.Verification missing = log.verify();
        assertThat(missing.firstBrokenId()).isEqualTo(c);
        assertThat(missing.reason()).contains("list of rules it fired is missing");
    }

    private static AuditLog.Entry withFired(AuditLog.Entry e, List<String> fired) {
        return new AuditLog.Entry(e.requestId(), e.channel(), e.patientRef(), e.inputsJson(), e.knowledgeVersion(), fired, e.outputDigest());
    }

    /** Every row of the log, oldest first. */
    static List<AuditLog.Row> all(AuditLog log) {
        List<AuditLog.Row> rows = new ArrayList<>();
        long after = 0;
        for (List<AuditLog.Row> page = log.read(after, 1000); !page.isEmpty(); page = log.read(after, 1000)) {
            rows.addAll(page);
            after = page.get(page.size() - 1).id();
        }
        return rows;
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    /**
     * 16 threads x 500 records on one fresh log: every caller gets the id of its own row, ids distinct, each
     * thread's rows in the order it recorded them, times never going backwards along the chain, the chain
     * verifies, and transactions held more than one row.
     */
    static void groupCommit(AuditLog log) throws Exception {
        int threads = 16;
        int each = 500;
        long before = log.count();
        String prefix = "g-" + System.nanoTime() + "-";
        Map<String, Long> returned = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    String requestId = prefix + writer + "-" + i;
                    returned.put(requestId, log.record(entry(requestId)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(returned).hasSize(threads * each);
        assertThat(new HashSet<>(returned.values())).as("distinct ids").hasSize(threads * each);
        assertThat(log.count() - before).isEqualTo(threads * each);

        Map<Integer, Long> lastIdOfThread = new HashMap<>();
        OffsetDateTime lastTime = null;
        int mine = 0;
        for (AuditLog.Row r : all(log)) {
            if (!r.requestId().startsWith(prefix)) {
                continue;
            }
            mine++;
            assertThat(r.id()).as("the id returned to " + r.requestId()).isEqualTo(returned.get(r.requestId()));
            int writer = Integer.parseInt(r.requestId().substring(prefix.length()).split("-")[0]);
            int i = Integer.parseInt(r.requestId().substring(prefix.length()).split("-")[1]);
            Long previous = lastIdOfThread.put(writer, r.id());
            assertThat(previous == null ? i == 0 : r.id() > previous).as("thread " + writer + "'s rows in its order").isTrue();
            if (lastTime != null) {
                assertThat(r.recordedAt()).as("recorded_at of row " + r.id()).isAfterOrEqualTo(lastTime);
            }
            lastTime = r.recordedAt();
        }
        assertThat(mine).isEqualTo(threads * each);

        AuditLog.WriterStats stats = log.writerStats();
        assertThat(stats.rows()).isEqualTo(threads * each);
        assertThat(stats.failedTransactions()).isZero();
        assertThat(stats.largestBatch()).as("a transaction held more than one row").isGreaterThan(1);
        assertThat(stats.transactions()).isLessThan(stats.rows());
        assertThat(stats.queued()).isZero();
        AuditLog.Verification v = log.verify();
        assertThat(v.ok()).as(String.valueOf(v)).isTrue();
        assertThat(v.rows()).isEqualTo(log.count());
    }

    /**
     * Two logs (two writers, as two processes would be) on one database, recording at once: their transactions
     * interleave on the chain head lock, and the chain holds.
     */
    static void twoWriters(DataSource a, DataSource b) throws Exception {
        long before;
        String prefix = "w-" + System.nanoTime() + "-";
        Map<String, Long> returned = new ConcurrentHashMap<>();
        try (AuditLog one = new AuditLog(a); AuditLog two = new AuditLog(b)) {
            before = one.count();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                AuditLog log = w % 2 == 0 ? one : two;
                String name = (w % 2 == 0 ? "A" : "B") + w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 250; i++) {
                        String requestId = prefix + name + "-" + i;
                        returned.put(requestId, log.record(entry(requestId)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(300, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(one.writerStats().rows()).isEqualTo(2000);
            assertThat(two.writerStats().rows()).isEqualTo(2000);
            assertThat(one.writerStats().failedTransactions() + two.writerStats().failedTransactions()).isZero();
        }
        AuditLog reader = new AuditLog(a);
        assertThat(reader.count() - before).isEqualTo(4000);
        assertThat(new HashSet<>(returned.values())).hasSize(4000);
        int switches = 0;
        Character lastWriter = null;
        for (AuditLog.Row r : all(reader)) {
            if (r.requestId().startsWith(prefix)) {
                assertThat(r.id()).isEqualTo(returned.get(r.requestId()));
                char writer = r.requestId().charAt(prefix.length());
                if (lastWriter != null && lastWriter != writer) {
                    switches++;
                }
                lastWriter = writer;
            }
        }
        assertThat(switches).as("the two writers' transactions interleaved").isGreaterThan(1);
        AuditLog.Verification v = reader.verify();
        assertThat(v.ok()).as(String.valueOf(v)).isTrue();
    }

    /**
     * A commit fails for a batch of four: each of the four callers gets an exception, none of their rows is
     * there, the chain still verifies, and the writer goes on with the next record.
     */
    static void failedCommit(DataSource raw) throws Exception {
        GatedDataSource ds = new GatedDataSource(raw).holdCommit(1).failCommit(2);
        String prefix = "f-" + System.nanoTime() + "-";
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try (AuditLog log = new AuditLog(ds)) {
            long before = log.count();
            Future<Long> first = pool.submit(() -> log.record(entry(prefix + "first")));
            ds.awaitHeld(); // the first row's transaction is open, waiting to commit
            List<Future<Long>> doomed = new ArrayList<>();
            // a list of fired rules first stored by the doomed transaction: rolled back with it, so stored again for "next"
            List<String> firstStoredWhenDoomed = List.of("dfu-cell-therapy/harms-" + prefix);
            for (int i = 0; i < 4; i++) {
                String requestId = prefix + "doomed-" + i;
                doomed.add(pool.submit(() -> log.record(withFired(entry(requestId), firstStoredWhenDoomed))));
            }
            waitUntil(() -> log.writerStats().queued() == 4, "the four are queued behind the open transaction");
            ds.release.countDown();
            long firstId = first.get(30, TimeUnit.SECONDS);
            for (Future<Long> f : doomed) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(AuditLog.NotRecordedException.class).hasMessageContaining("simulated failure of commit 2");
            }
            assertThat(ds.afterFailedCommit.get()).as("what was done with the connection after its commit failed").isEqualTo("rollback");
            long next = log.record(withFired(entry(prefix + "next"), firstStoredWhenDoomed));
            assertThat(next).isGreaterThan(firstId);

            AuditLog.WriterStats stats = log.writerStats();
            assertThat(stats.failedTransactions()).isEqualTo(1);
            assertThat(stats.failedRows()).isEqualTo(4);
            assertThat(stats.transactions()).isEqualTo(2);
            assertThat(stats.rows()).isEqualTo(2);
            assertThat(log.count() - before).isEqualTo(2);
            List<AuditLog.Row> rows = all(log).stream().filter(r -> r.requestId().startsWith(prefix)).toList();
            assertThat(rows).extracting(AuditLog.Row::requestId).containsExactly(prefix + "first", prefix + "next");
            assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).rowHash());
            AuditLog.Verification v = log.verify();
            assertThat(v.ok()).as(String.valueOf(v)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * With room for two waiting entries, further callers wait (nothing is dropped, nothing more is queued) and
     * are all recorded once the writer moves on.
     */
    static void fullQueueMakesCallersWait(DataSource raw) throws Exception {
        GatedDataSource ds = new GatedDataSource(raw).holdCommit(1);
        String prefix = "q-" + System.nanoTime() + "-";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (AuditLog log = new AuditLog(ds, 256, 2)) {
            List<Future<Long>> calls = new ArrayList<>();
            calls.add(pool.submit(() -> log.record(entry(prefix + 0))));
            ds.awaitHeld();
            for (int i = 1; i < 6; i++) {
                String requestId = prefix + i;
                calls.add(pool.submit(() -> log.record(entry(requestId))));
            }
            waitUntil(() -> log.writerStats().queued() == 2, "the queue is full");
            Thread.sleep(300);
            assertThat(log.writerStats().queued()).isEqualTo(2);
            assertThat(calls).noneMatch(Future::isDone);
            ds.release.countDown();
            Set<Long> ids = new HashSet<>();
            for (Future<Long> f : calls) {
                ids.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(6);
            assertThat(log.writerStats().rows()).isEqualTo(6);
            assertThat(all(log).stream().filter(r -> r.requestId().startsWith(prefix))).hasSize(6);
            assertThat(log.verify().ok()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    /** close() refuses new records, writes those already queued, answers their callers, then returns. */
    static void closeDrains(DataSource raw) throws Exception {
        GatedDataSource ds = new GatedDataSource(raw).holdCommit(1);
        String prefix = "d-" + System.nanoTime() + "-";
        ExecutorService pool = Executors.newFixedThreadPool(22);
        try {
            AuditLog log = new AuditLog(ds);
            List<Future<Long>> calls = new ArrayList<>();
            calls.add(pool.submit(() -> log.record(entry(prefix + 0))));
            ds.awaitHeld();
            for (int i = 1; i <= 20; i++) {
                String requestId = prefix + i;
                calls.add(pool.submit(() -> log.record(entry(requestId))));
            }
            waitUntil(() -> log.writerStats().queued() == 20, "twenty are queued");
            Future<?> closing = pool.submit(log::close);
            // close has refused new records once its stop mark is queued behind the twenty
            waitUntil(() -> log.writerStats().queued() == 21, "close() marked the end of the queue");
            assertThatThrownBy(() -> log.record(entry(prefix + "late"))).isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            Thread.sleep(200);
            assertThat(closing.isDone()).as("close waits for the queued entries").isFalse();
            ds.release.countDown();
            closing.get(30, TimeUnit.SECONDS);
            // every caller has its answer (a caller's thread may wake a moment after close() returned)
            Set<Long> ids = new HashSet<>();
            for (Future<Long> f : calls) {
                ids.add(f.get(5, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(21);
            assertThat(log.writerStats().rows()).isEqualTo(21);
            assertThat(log.writerStats().queued()).isZero();
            log.close(); // again: nothing happens
            assertThat(all(log).stream().filter(r -> r.requestId().startsWith(prefix))).hasSize(21);
            assertThat(log.verify().ok()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    /** An entry that could not be stored is refused to its caller alone, before it reaches a batch. */
    static void unstorableEntriesAreRefusedBeforeQueueing(AuditLog log) {
        long before = log.count();
        AuditLog.Entry ok = entry("ok");
        assertThatThrownBy(() -> log.record(new AuditLog.Entry("x".repeat(101), ok.channel(), ok.patientRef(), ok.inputsJson(),
                ok.knowledgeVersion(), ok.firedRules(), ok.outputDigest()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request_id");
        assertThatThrownBy(() -> log.record(new AuditLog.Entry("r", null, ok.patientRef(), ok.inputsJson(),
                ok.knowledgeVersion(), ok.firedRules(), ok.outputDigest()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel");
        assertThatThrownBy(() -> log.record(new AuditLog.Entry("r", ok.channel(), ok.patientRef(), "{\"a\":\"\u0000\"}",
                ok.knowledgeVersion(), ok.firedRules(), ok.outputDigest()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThat(log.writerStats().transactions() + log.writerStats().failedTransactions()).isZero();
        assertThat(log.count()).isEqualTo(before);
        long id = log.record(new AuditLog.Entry("x".repeat(100), ok.channel(), null, ok.inputsJson(), ok.knowledgeVersion(),
                ok.firedRules(), ok.outputDigest()));
        assertThat(log.row(id)).get().extracting(AuditLog.Row::requestId).isEqualTo("x".repeat(100));
    }
}
