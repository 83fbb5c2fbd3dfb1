package org.evidencecds.audit;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log on embedded H2 (a fresh in-memory database per test; a file database for two writers). */
class AuditLogH2Test {

    private static JdbcDataSource fresh(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        AuditLog.migrate(ds);
        return ds;
    }

    private static JdbcDataSource same(JdbcDataSource ds) {
        JdbcDataSource other = new JdbcDataSource();
        other.setURL(ds.getURL());
        other.setUser("sa");
        return other;
    }

    @Test
    void sixtyFourConcurrentWritersEachGetExactlyOneRow() throws Exception {
        try (AuditLog log = new AuditLog(fresh("concurrent"))) {
            AuditChainChecks.concurrentWriters(log);
        }
    }

    @Test
    void rowsAreGroupCommittedByOneWriter() throws Exception {
        try (AuditLog log = new AuditLog(fresh("group"))) {
            AuditChainChecks.groupCommit(log);
        }
    }

    @Test
    void twoWritersShareOneDatabaseInMemory() throws Exception {
        JdbcDataSource ds = fresh("two");
        AuditChainChecks.twoWriters(ds, same(ds));
    }

    @Test
    void twoWritersShareOneDatabaseFile(@TempDir Path dir) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(Durability.durableUrl("jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath()));
        ds.setUser("sa");
        AuditLog.migrate(ds);
        // without a pool, H2 would close the database whenever no connection is open, and open it again
        try (java.sql.Connection keepOpen = ds.getConnection()) {
            AuditChainChecks.twoWriters(ds, same(ds));
        }
    }

    @Test
    void aFailedCommitFailsEveryCallerOfItsBatchAndNothingElse() throws Exception {
        AuditChainChecks.failedCommit(fresh("failed"));
    }

    @Test
    void aFullQueueMakesCallersWait() throws Exception {
        AuditChainChecks.fullQueueMakesCallersWait(fresh("full"));
    }

    @Test
    void closeWritesWhatIsQueuedThenRefuses() throws Exception {
        AuditChainChecks.closeDrains(fresh("close"));
    }

    @Test
    void unstorableEntriesAreRefusedAlone() {
        try (AuditLog log = new AuditLog(fresh("refused"))) {
            AuditChainChecks.unstorableEntriesAreRefusedBeforeQueueing(log);
        }
    }

    @Test
    void verifyNamesTheFirstBrokenRow() {
        JdbcDataSource ds = fresh("tamper");
        try (AuditLog log = new AuditLog(ds)) {
            AuditChainChecks.tamperingIsFound(log, ds);
        }
    }

    @Test
    void eachListOfFiredRulesIsStoredOnce() {
        JdbcDataSource ds = fresh("sets");
        try (AuditLog log = new AuditLog(ds)) {
            AuditChainChecks.firedRuleSetsAreStoredOnce(log, ds);
        }
    }
}
