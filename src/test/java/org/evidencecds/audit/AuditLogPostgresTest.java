package org.evidencecds.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The migrations and the audit log against a real PostgreSQL: .ci/run installs and starts one and sets
 * AUDIT_TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/evidence_cds?user=evidence&password=...).
 * Without it (or when it is not reachable) the test is skipped with a printed message. Each test starts from
 * an empty, freshly migrated schema (one test breaks the chain on purpose). The logs write through a pool, as
 * the server does (a new PostgreSQL connection per transaction would make the group-commit tests slow).
 */
class AuditLogPostgresTest {

    private static PGSimpleDataSource ds;
    private static HikariDataSource pool;

    @BeforeAll
    static void connect() throws Exception {
        String url = System.getenv("AUDIT_TEST_POSTGRES_URL");
        boolean reachable = false;
        if (url != null && !url.isBlank()) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                reachable = true;
            } catch (Exception e) {
                System.out.println("SKIPPED AuditLogPostgresTest: PostgreSQL at AUDIT_TEST_POSTGRES_URL is not reachable: " + e.getMessage());
            }
        } else {
            System.out.println("SKIPPED AuditLogPostgresTest: no PostgreSQL configured (set AUDIT_TEST_POSTGRES_URL; .ci/run does)");
        }
        assumeTrue(reachable, "no reachable PostgreSQL");
        ds = new PGSimpleDataSource();
        ds.setURL(url);
        pool = new HikariDataSource();
        pool.setDataSource(ds);
        pool.setMaximumPoolSize(10);
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @BeforeEach
    void emptySchema() {
        // start from an empty schema, whatever earlier tests or migrations left there (clean is for tests only)
        org.flywaydb.core.Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        AuditLog.migrate(ds);
    }

    @Test
    void sixtyFourConcurrentWritersOnPostgres() throws Exception {
        try (AuditLog log = new AuditLog(pool)) {
            AuditChainChecks.concurrentWriters(log);
        }
    }

    @Test
    void rowsAreGroupCommittedOnPostgres() throws Exception {
        try (AuditLog log = new AuditLog(pool)) {
            AuditChainChecks.groupCommit(log);
        }
    }

    @Test
    void twoWritersShareOnePostgres() throws Exception {
        AuditChainChecks.twoWriters(pool, pool);
    }

    @Test
    void aFailedCommitOnPostgresFailsItsBatchOnly() throws Exception {
        AuditChainChecks.failedCommit(pool);
    }

    @Test
    void aFullQueueMakesCallersWaitOnPostgres() throws Exception {
        AuditChainChecks.fullQueueMakesCallersWait(pool);
    }

    @Test
    void closeDrainsOnPostgres() throws Exception {
        AuditChainChecks.closeDrains(pool);
    }

    @Test
    void unstorableEntriesAreRefusedOnPostgres() {
        try (AuditLog log = new AuditLog(pool)) {
            AuditChainChecks.unstorableEntriesAreRefusedBeforeQueueing(log);
        }
    }

    @Test
    void verifyNamesTheFirstBrokenRowOnPostgres() {
        try (AuditLog log = new AuditLog(pool)) {
            AuditChainChecks.tamperingIsFound(log, pool);
        }
    }

    @Test
    void eachListOfFiredRulesIsStoredOnceOnPostgres() {
        try (AuditLog log = new AuditLog(pool)) {
            AuditChainChecks.firedRuleSetsAreStoredOnce(log, pool);
        }
    }
}
