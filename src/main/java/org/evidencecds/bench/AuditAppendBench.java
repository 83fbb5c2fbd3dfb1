package org.evidencecds.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.evidencecds.audit.AuditLog;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Audit appends per second: N threads each calling {@link AuditLog#record} in a loop (a closed loop, as request
 * threads do), entries of realistic size (about 100 bytes of JSON inputs, 96 fired rule names, a SHA-256
 * digest), on an H2 file database with {@code WRITE_DELAY=0} (every commit written to the file before it
 * returns, as the server runs it) and on an H2 database in memory, through a Hikari pool of 10 connections
 * (Spring Boot's default). Transactions are counted by the DataSource (commits on its connections), so the
 * same source measures any implementation of the public API: compile it against an older {@code AuditLog} for
 * the figure before a change.
 *
 * <pre>
 * java -cp target/classes:$(cat cp.txt) org.evidencecds.bench.AuditAppendBench [--threads 1,8,64] [--db file,mem]
 *     [--warmup 3] [--seconds 10]
 * </pre>
 *
 * Not a unit test: figures depend on the machine (print them, compare runs on one machine).
 */
public final class AuditAppendBench {

    private AuditAppendBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> threads = List.of(1, 8, 64);
        List<String> dbs = List.of("file", "mem");
        int warmup = 3;
        int seconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--db" -> dbs = List.of(args[i + 1].split(","));
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%-5s %7s %12s %14s %12s %16s %10s%n", "db", "threads", "rows/s", "rows/commit", "mean ms",
                "writer µs/row", "verify");
        for (String db : dbs) {
            for (int n : threads) {
                run(db, n, warmup, seconds);
            }
        }
    }

    private static void run(String db, int threads, int warmup, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("audit-bench");
        String url = db.equals("file") ? org.evidencecds.audit.Durability.durableUrl("jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath())
                : "jdbc:h2:mem:audit-bench-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(10);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            AuditLog.migrate(pool);
            CountingDataSource counted = new CountingDataSource(pool);
            AuditLog log = new AuditLog(counted);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            LongAdder rows = new LongAdder();
            LongAdder nanos = new LongAdder();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    while (!stop.get()) {
                        AuditLog.Entry e = entry();
                        long start = System.nanoTime();
                        log.record(e);
                        if (measuring.get()) {
                            nanos.add(System.nanoTime() - start);
                            rows.increment();
                        }
                    }
                }, "bench-" + t);
                workers.add(w);
                w.start();
            }
            Thread.sleep(warmup * 1000L);
            long commitsBefore = counted.commits.sum();
            long writerBefore = writerCpuNanos();
            long start = System.nanoTime();
            measuring.set(true);
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            long elapsed = System.nanoTime() - start;
            long writerCpu = writerCpuNanos() - writerBefore;
            long commits = counted.commits.sum() - commitsBefore;
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            long n = rows.sum();
            Object closeable = log;
            if (closeable instanceof AutoCloseable c) {
                c.close();
            }
            AuditLog.Verification v = log.verify();
            System.out.printf(Locale.ROOT, "%-5s %7d %12.0f %14.2f %12.3f %16.1f %10s%n", db, threads, n / (elapsed / 1e9),
                    commits == 0 ? 0.0 : (double) n / commits, n == 0 ? 0.0 : nanos.sum() / 1e6 / n,
                    n == 0 ? 0.0 : writerCpu / 1e3 / n, v.ok() ? "ok " + v.rows() : "BROKEN");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * CPU time of the writer thread so far (the thread named {@link AuditLog#WRITER_THREAD}; 0 before it
     * starts): its time per row is what the log costs a server beyond the callers' own work.
     */
    private static long writerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(AuditLog.WRITER_THREAD)) {
                return Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return 0;
    }

    private static final List<String> FIRED = firedRules();

    private static List<String> firedRules() {
        List<String> fired = new ArrayList<>();
        String[] packs = {"dfu-cell-therapy", "t2dm-msc", "cli-bmac", "bcg-metan"};
        for (int i = 0; i < 96; i++) {
            fired.add(packs[i % packs.length] + "/outcome-" + (i / 8) + "/subgroup-" + (i % 8));
        }
        return List.copyOf(fired);
    }

    /** About 100 bytes of inputs, 96 rule names, a SHA-256 digest, a pseudonymous patient. */
    static AuditLog.Entry entry() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String inputs = String.format(Locale.ROOT, "{\"ulcerAreaCm2\":%.1f,\"diabetesDurationYears\":%d,\"ulcerDurationDays\":%d,\"ageYears\":%d,\"wagnerGrade\":%d}",
                r.nextDouble(0.5, 40), r.nextInt(1, 40), r.nextInt(30, 900), r.nextInt(25, 95), r.nextInt(0, 5));
        String id = new UUID(r.nextLong(), r.nextLong()).toString();
        return new AuditLog.Entry(id, "rest", "hmac:" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()), inputs,
                "dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.3f2a9c", FIRED, AuditLog.digest(inputs));
    }

    /** Counts commits on its connections: one per audit transaction. */
    static final class CountingDataSource extends DelegatingDataSource {
        final LongAdder commits = new LongAdder();

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("commit")) {
                    commits.increment();
                }
                try {
                    return m.invoke(c, a);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }
}
