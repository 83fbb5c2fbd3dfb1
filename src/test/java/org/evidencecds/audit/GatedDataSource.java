package org.evidencecds.audit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A DataSource whose commits can be held (the n-th commit waits until released, so entries pile up behind the
 * writer's open transaction) or failed (the n-th commit throws before reaching the database, which is then
 * rolled back by the transaction manager).
 */
final class GatedDataSource extends DelegatingDataSource {

    final AtomicInteger commits = new AtomicInteger();
    private volatile int holdAt = -1;
    private volatile int failAt = -1;
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    /**
     * Whether the failed commit's connection was rolled back before anything else was done with it: JDBC
     * leaves open what a connection does with an open transaction when auto-commit is restored (PostgreSQL
     * commits it) or when it is closed.
     */
    final java.util.concurrent.atomic.AtomicReference<String> afterFailedCommit = new java.util.concurrent.atomic.AtomicReference<>();

    GatedDataSource(DataSource target) {
        super(target);
    }

    /** The n-th commit (from 1) waits at the gate until {@link #release}. */
    GatedDataSource holdCommit(int n) {
        holdAt = n;
        return this;
    }

    /** The n-th commit (from 1) fails. */
    GatedDataSource failCommit(int n) {
        failAt = n;
        return this;
    }

    void awaitHeld() throws InterruptedException {
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no commit reached the gate");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = super.getConnection();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
            if (failed.getAndSet(false)) {
                afterFailedCommit.compareAndSet(null, m.getName() + (args == null ? "" : java.util.Arrays.toString(args)));
            }
            if (m.getName().equals("commit")) {
                int n = commits.incrementAndGet();
                if (n == holdAt) {
                    held.countDown();
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new SQLException("the gate was never released");
                    }
                }
                if (n == failAt) {
                    failed.set(true);
                    throw new SQLException("simulated failure of commit " + n);
                }
            }
            try {
                return m.invoke(c, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
