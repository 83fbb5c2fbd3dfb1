package org.evidencecds.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An answer leaves only after its audit row is durable ({@link AuditLog#record} returns after the commit, and
 * the commit must reach the database file). What that takes on each database:
 *
 * <ul>
 * <li><b>H2</b> (MVStore): by default ({@code WRITE_DELAY=500}) a commit only marks the transaction committed
 * in memory; a background thread writes the changes to the file within about half a second. A process killed
 * in between loses transactions that were already committed, and answered (measured: 293 of 7,776 answered
 * evaluations without their row after {@code kill -9}, and the chain head lost with them, so verify said ok).
 * With {@code WRITE_DELAY=0} the committing thread itself writes the new chunk to the file before the commit
 * returns (H2 2.3.232: {@code TransactionStore.endTransaction} calls {@code MVStore.commit()} when
 * {@code getAutoCommitDelay() == 0}; the chunk is written synchronously, {@code FileChannel.write}). The write
 * reaches the operating system's page cache, which survives the death of the JVM ({@code kill -9}, a crash,
 * an out-of-memory kill) but not a power failure or a kernel crash: H2 does not fsync per commit (its
 * documentation, "Durability Problems", says so). Hence what is guaranteed on H2: no answered evaluation is
 * lost when the process dies; for power loss use PostgreSQL.
 * <li><b>PostgreSQL</b>: with {@code synchronous_commit} on (the default; also {@code local},
 * {@code remote_write}, {@code remote_apply}) the commit returns after the WAL is flushed to disk (fsync), so
 * the row survives a power failure too. With {@code off} up to three times {@code wal_writer_delay} of
 * commits can be lost on a server crash: start-up logs a warning.
 * </ul>
 */
public final class Durability {

    /** The H2 URL setting that makes every commit write to the file before it returns. */
    static final String H2_SETTING = "WRITE_DELAY";

    /** H2's time limit for compacting the file as the database closes; 0 turns it off. */
    private static final String COMPACT_SETTING = "MAX_COMPACT_TIME";

    /** H2's page cache, in KB (H2's default is 65,536: 64 MB). */
    private static final String CACHE_SETTING = "CACHE_SIZE";

    /**
     * The audit's page cache: 1 MB, H2's smallest. The log is appended to and read back in order; a large cache
     * keeps each page the writer writes alive for minutes, and the young garbage collections copy those pages
     * again at every pause until they are old. Measured at 1,000 answers a second: pauses of 16.8 to 32.1 ms
     * on average with the default cache, 10.5 to 14.5 ms with this one, and the writer's CPU per row no higher.
     */
    static final String AUDIT_CACHE_KB = "1024";

    private Durability() {
    }

    /** The audit database would let answers outrun their rows; the one-line message says what to change. */
    public static final class NotDurableException extends IllegalStateException {
        NotDurableException(String message) {
            super(message);
        }
    }

    /**
     * The JDBC URL to use for the audit log. An H2 database on disk gets {@code ;WRITE_DELAY=0} when its URL
     * has no {@code WRITE_DELAY}, {@code ;CACHE_SIZE=1024} when it has no {@code CACHE_SIZE} (see
     * {@link #AUDIT_CACHE_KB}), and {@code ;MAX_COMPACT_TIME=0} when it has no {@code MAX_COMPACT_TIME}:
     * H2 2.3 moves chunks to compact the file when the database closes (after its last connection, with a
     * pooled or a per-command data source alike), and that move can fail (h2database issues 4086, 4247: an
     * assertion in {@code RandomAccessStore.moveChunkInside}) and lose the last commits, as it did to a
     * command-line audit file here; space freed at run time is still reused. Other URLs (PostgreSQL, H2 in
     * memory) are returned unchanged.
     *
     * @throws NotDurableException when the URL asks H2 for a write delay other than 0 (not durable: the
     *         application refuses to start rather than override what the operator wrote)
     */
    public static String durableUrl(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return url;
        }
        String[] parts = url.split(";");
        if (parts[0].toLowerCase(Locale.ROOT).contains("mem:")) {
            return url; // in memory: nothing survives the process anyway
        }
        Optional<String> delay = setting(parts, H2_SETTING);
        if (delay.isPresent() && !delay.get().equals("0")) {
            throw new NotDurableException(notDurable(delay.get()));
        }
        StringBuilder added = new StringBuilder();
        if (delay.isEmpty()) {
            added.append(';').append(H2_SETTING).append("=0");
        }
        if (setting(parts, CACHE_SETTING).isEmpty()) {
            added.append(';').append(CACHE_SETTING).append('=').append(AUDIT_CACHE_KB);
        }
        if (setting(parts, COMPACT_SETTING).isEmpty()) {
            added.append(';').append(COMPACT_SETTING).append("=0");
        }
        if (added.length() == 0) {
            return url;
        }
        return (url.endsWith(";") ? url.substring(0, url.length() - 1) : url) + added;
    }

    /** The value of an H2 URL setting ({@code ;NAME=value}, name in any case), if the URL gives it. */
    private static Optional<String> setting(String[] parts, String name) {
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = (eq < 0 ? parts[i] : parts[i].substring(0, eq)).trim();
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(eq < 0 ? "" : parts[i].substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }

    /**
     * Checks the setting in force on a connection of {@code dataSource}: on H2, the write delay must be 0
     * (whatever the URL said, e.g. a DataSource built by hand); on PostgreSQL, {@code synchronous_commit=off}
     * is returned as a warning (the operator may have chosen it; the answers then are not power-loss safe).
     *
     * @return a warning to log, if any
     * @throws NotDurableException when H2 writes with a delay (answers could outrun their audit rows)
     */
    public static Optional<String> check(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName();
            if ("H2".equalsIgnoreCase(product)) {
                try (ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    if (rs.next() && !"0".equals(rs.getString(1).trim())) {
                        throw new NotDurableException(notDurable(rs.getString(1).trim()));
                    }
                }
            } else if ("PostgreSQL".equalsIgnoreCase(product)) {
                try (ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
                    if (rs.next() && "off".equalsIgnoreCase(rs.getString(1).trim())) {
                        return Optional.of("PostgreSQL synchronous_commit is off: a server crash or power loss can lose audit rows "
                                + "of evaluations that were already answered; set it to on (the default) for the audit database");
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the audit database's durability settings: " + e.getMessage(), e);
        }
    }

    // the URL is not repeated: an H2 URL may carry a password
    private static String notDurable(String value) {
        return "The audit database is not durable: H2 WRITE_DELAY=" + value + " lets an answer leave before its "
                + "audit row is written; use WRITE_DELAY=0 or leave WRITE_DELAY out of the URL (spring.datasource.url, --db-url; it is then added)";
    }
}
