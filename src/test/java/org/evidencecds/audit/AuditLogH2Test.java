package org.evidencecds.audit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The audit log on embedded H2 (a fresh in-memory database per test). */
class AuditLogH2Test {

    private static JdbcDataSource fresh(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        AuditLog.migrate(ds);
        return ds;
    }

    @Test
    void sixtyFourConcurrentWritersEachGetExactlyOneRow() throws Exception {
        AuditChainChecks.concurrentWriters(new AuditLog(fresh("concurrent")));
    }

    @Test
    void verifyNamesTheFirstBrokenRow() {
        JdbcDataSource ds = fresh("tamper");
        AuditChainChecks.tamperingIsFound(new AuditLog(ds), ds);
    }
}
