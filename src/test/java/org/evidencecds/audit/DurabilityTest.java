package org.evidencecds.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The audit database's durability settings: H2 URLs made durable, a write delay refused. */
class DurabilityTest {

    @Test
    void anH2FileGetsWriteDelayZeroAndASmallPageCache() {
        assertEquals("jdbc:h2:file:./data/a;AUTO_SERVER=TRUE;WRITE_DELAY=0;CACHE_SIZE=1024;MAX_COMPACT_TIME=0",
                Durability.durableUrl("jdbc:h2:file:./data/a;AUTO_SERVER=TRUE"));
        assertEquals("jdbc:h2:./data/a;WRITE_DELAY=0;CACHE_SIZE=1024;MAX_COMPACT_TIME=0", Durability.durableUrl("jdbc:h2:./data/a"));
        assertEquals("jdbc:h2:./data/a;WRITE_DELAY=0;CACHE_SIZE=1024;MAX_COMPACT_TIME=0", Durability.durableUrl("jdbc:h2:./data/a;"));
        assertEquals("jdbc:h2:tcp://db/~/a;WRITE_DELAY=0;CACHE_SIZE=1024;MAX_COMPACT_TIME=0", Durability.durableUrl("jdbc:h2:tcp://db/~/a"));
    }

    /** H2 2.3's compaction when the database closes can fail and lose the last commits (h2database 4086, 4247). */
    @Test
    void anH2FileIsNotCompactedOnCloseUnlessItsUrlSaysSo() {
        assertEquals("jdbc:h2:file:./a;write_delay=0;AUTO_SERVER=TRUE;CACHE_SIZE=1024;MAX_COMPACT_TIME=0",
                Durability.durableUrl("jdbc:h2:file:./a;write_delay=0;AUTO_SERVER=TRUE"));
        assertEquals("jdbc:h2:file:./a;max_compact_time=200;WRITE_DELAY=0;CACHE_SIZE=1024", Durability.durableUrl("jdbc:h2:file:./a;max_compact_time=200"));
    }

    @Test
    void durableInMemoryAndOtherDatabasesAreLeftAlone() {
        for (String url : new String[] {"jdbc:h2:file:./a;write_delay=0;MAX_COMPACT_TIME=0;cache_size=8192", "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1",
                "jdbc:h2:tcp://db/mem:x", "jdbc:postgresql://db:5432/x?user=u", null}) {
            assertEquals(url, Durability.durableUrl(url));
        }
    }

    @Test
    void anotherWriteDelayIsRefusedWithoutRepeatingTheUrl() {
        Durability.NotDurableException e = assertThrows(Durability.NotDurableException.class,
                () -> Durability.durableUrl("jdbc:h2:file:./a;PASSWORD=secret;WRITE_DELAY=500"));
        assertTrue(e.getMessage().contains("WRITE_DELAY=500"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret") && !e.getMessage().contains("\n"), e.getMessage());
    }

    /** The page cache the URL asks for is the one in force (H2 reads CACHE_SIZE from the URL, in KB). */
    @Test
    void theAuditsPageCacheIsSmallUnlessItsUrlSaysOtherwise(@TempDir Path dir) throws java.sql.SQLException {
        assertEquals(Durability.AUDIT_CACHE_KB, cacheSize(Durability.durableUrl("jdbc:h2:file:" + dir.resolve("small").toAbsolutePath())));
        assertEquals("8192", cacheSize(Durability.durableUrl("jdbc:h2:file:" + dir.resolve("own").toAbsolutePath() + ";CACHE_SIZE=8192")));
    }

    private static String cacheSize(String url) throws java.sql.SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        try (var c = ds.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'")) {
            return rs.next() ? rs.getString(1).trim() : null;
        }
    }

    @Test
    void theSettingInForceIsChecked(@TempDir Path dir) {
        JdbcDataSource delayed = new JdbcDataSource();
        delayed.setURL("jdbc:h2:file:" + dir.resolve("delayed").toAbsolutePath());
        Durability.NotDurableException e = assertThrows(Durability.NotDurableException.class, () -> Durability.check(delayed));
        assertTrue(e.getMessage().contains("WRITE_DELAY=500"), e.getMessage());

        JdbcDataSource durable = new JdbcDataSource();
        durable.setURL(Durability.durableUrl("jdbc:h2:file:" + dir.resolve("durable").toAbsolutePath()));
        assertTrue(Durability.check(durable).isEmpty());

        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:durability-" + System.nanoTime());
        assertTrue(Durability.check(memory).isEmpty());
    }

    /** With AUDIT_TEST_POSTGRES_URL (.ci/run sets it): synchronous_commit off is a warning, on (the default) is fine. */
    @Test
    void postgresWithoutSynchronousCommitIsAWarning() {
        String url = System.getenv("AUDIT_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "no PostgreSQL configured (AUDIT_TEST_POSTGRES_URL)");
        PGSimpleDataSource on = new PGSimpleDataSource();
        on.setURL(url);
        try (var c = on.getConnection()) {
            c.isValid(5);
        } catch (java.sql.SQLException e) {
            assumeTrue(false, "PostgreSQL at AUDIT_TEST_POSTGRES_URL is not reachable: " + e.getMessage());
        }
        assertTrue(Durability.check(on).isEmpty());
        PGSimpleDataSource off = new PGSimpleDataSource();
        off.setURL(url);
        off.setOptions("-c synchronous_commit=off");
        assertTrue(Durability.check(off).orElseThrow().contains("synchronous_commit is off"));
    }
}
