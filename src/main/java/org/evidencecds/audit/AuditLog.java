package org.evidencecds.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit log (Spring JDBC; schema by Flyway). Every row carries the hash of the previous
 * row, so any change, deletion or reordering is found by {@link #verify()}.
 *
 * <p><b>Each list of fired rules is stored once</b> ({@code fired_rule_set}, named by the SHA-256 of its
 * text) and a row refers to it: under load nearly every answer comes from a cached one and fires the same
 * list, and writing that list (2 to 5 KB) with every row was most of the writer's work. The row hash covers
 * the list itself, not its name, so {@link Row#firedRules()} and {@link #verify()} read as before, and rows
 * written before sets existed (their list inline) verify beside the others.
 *
 * <p><b>Appends are group-committed by one writer.</b> {@link #record} puts the entry on a bounded queue and
 * waits; one thread ({@value #WRITER_THREAD}, a daemon, started by the first record) takes the first waiting
 * entry and, without waiting for more, every other entry already queued (at most {@code maxBatch} in all,
 * {@value #DEFAULT_MAX_BATCH} by default), and appends them in one transaction: it locks the chain head
 * ({@code SELECT ... FOR UPDATE}), hashes the rows in queue order, each on the one before, inserts them with
 * one JDBC batch, moves the head to the last of them, and commits. Only then are the waiting callers
 * answered, each with its row's id. Under low load a transaction holds one row (the latency of a single
 * append, plus handing the entry to the writer); under load the rows that arrive during one commit go
 * together into the next, so commits, head-lock waits and pool connections are shared (one connection for the
 * writer instead of one per request thread). There is no waiting to fill a batch. The head lock is still taken
 * in every transaction and the head read from the database, so several processes (or several
 * {@code AuditLog}s) sharing the database interleave their transactions correctly.
 *
 * <p><b>The promise</b> (see {@link Durability}): {@code record} returns only after the transaction holding
 * its row has committed. If that transaction fails (at any statement or at the commit), it is rolled back and
 * every caller whose row was in it gets a {@link NotRecordedException}: no answer leaves without its row, and
 * no part of the batch remains. The writer goes on with the next batch. Rows are never retried: a commit
 * whose outcome is unknown (the connection lost during the commit) may have committed, and a retry would
 * write the row twice. So that one bad entry cannot fail the others of its batch, entries are checked before
 * they are queued (see {@link #record}).
 *
 * <p><b>Back-pressure</b>: the queue holds at most {@code queueCapacity} entries; a caller finding it full
 * waits for room. Nothing is dropped. {@link #close()} (Spring calls it at shutdown) refuses new records,
 * writes every entry already queued, answers its caller and then stops the writer.
 *
 * <p><b>Times</b> ({@code recorded_at}, UTC, milliseconds): read from the clock per row, while the head lock
 * is held, so a row's time is when it was written into the chain. Within one {@code AuditLog} they never go
 * backwards in chain order: should the clock step back (NTP), a row takes the time of the row before it. Rows
 * of different processes sharing the database carry each process's own clock and are not adjusted to each
 * other (a process with a wrong clock must not shift the times of the others); the order of the chain is the
 * id order, which {@link #verify()} checks, not the time order.
 */
public final class AuditLog implements AutoCloseable {

    static final String GENESIS = "genesis";

    /** The writer thread's name. */
    public static final String WRITER_THREAD = "audit-writer";

    /** Rows in one transaction at most, by default. */
    public static final int DEFAULT_MAX_BATCH = 256;

    /** Entries waiting at most, by default; a caller finding the queue full waits. */
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;

    // the column widths of V1__audit_log.sql: checked before an entry is queued, so that it cannot fail its batch
    private static final int REQUEST_ID_MAX = 100;
    private static final int CHANNEL_MAX = 32;
    private static final int PATIENT_REF_MAX = 64;
    private static final int INPUTS_MAX = 200_000;
    private static final int KNOWLEDGE_VERSION_MAX = 300;
    private static final int FIRED_RULES_MAX = 200_000;
    private static final int OUTPUT_DIGEST_MAX = 80;

    private static final String INSERT = "INSERT INTO audit_log (id, recorded_at, request_id, channel, patient_ref, inputs, "
            + "knowledge_version, fired_rules, fired_rule_set, output_digest, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";

    /** Rows with their list of fired rules, whether inline (rows written before V5) or stored once in fired_rule_set. */
    private static final String SELECT_ROWS = "SELECT a.*, s.rules AS set_rules FROM audit_log a "
            + "LEFT JOIN fired_rule_set s ON s.digest = a.fired_rule_set";

    /** Digests of fired-rule lists the writer knows are committed; at most this many are remembered. */
    private static final int KNOWN_SETS_MAX = 4096;

    /** What is recorded for one evaluation. */
    public record Entry(String requestId, String channel, String patientRef, String inputsJson, String knowledgeVersion,
                        List<String> firedRules, String outputDigest) {
    }

    /** A stored row. */
    public record Row(long id, OffsetDateTime recordedAt, String requestId, String channel, String patientRef,
                      String inputsJson, String knowledgeVersion, String firedRules, String outputDigest, String prevHash,
                      String rowHash) {
    }

    /** The result of walking the chain: ok, or the first broken row and why. */
    public record Verification(boolean ok, long rows, Long firstBrokenId, String reason) {
    }

    /**
     * What the writer has done since start: rows committed and the transactions that held them (rows per
     * transaction is the batching achieved), batches rolled back and the rows in them, the largest batch
     * committed, and the entries waiting now.
     */
    public record WriterStats(long rows, long transactions, long failedRows, long failedTransactions, long largestBatch, int queued) {
        /** Mean rows per committed transaction (0 before the first). */
        public double rowsPerTransaction() {
            return transactions == 0 ? 0 : (double) rows / transactions;
        }
    }

    /**
     * The transaction holding this entry's row did not commit (it was rolled back, or its commit failed), so
     * the answer it belongs to must not leave. The row may only be present if the commit failed in a way
     * whose outcome the database did not report (e.g. the connection was lost during the commit).
     */
    public static final class NotRecordedException extends RuntimeException {
        NotRecordedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * An entry waiting for the writer, with its prepared column values (the fired rules as one text and that
     * text's digest, which names its stored set) and the caller's answer.
     */
    private record Pending(Entry entry, String firedRules, String firedSet, CompletableFuture<Long> id) {
    }

    /** Put on the queue by {@link #close()}: the writer stops when it reaches it, after everything before it. */
    private static final Pending STOP = new Pending(null, null, null, null);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    /** Records hold it shared while they check {@link #closed} and queue; close holds it alone to set it. */
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed;
    private volatile Thread writer;

    // written by the writer thread only
    private long lastStampMillis = Long.MIN_VALUE;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong failedRows = new AtomicLong();
    private final AtomicLong failedTransactions = new AtomicLong();
    private final AtomicLong largestBatch = new AtomicLong();
    /**
     * Fired-rule sets committed by this writer (or found stored), least recently used dropped first: a set
     * not here is looked up, and inserted when absent, under the chain-head lock.
     */
    private final java.util.Map<String, Boolean> knownSets = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > KNOWN_SETS_MAX;
        }
    };

    public AuditLog(DataSource dataSource) {
        this(dataSource, DEFAULT_MAX_BATCH, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * @param maxBatch      rows in one transaction at most (1 appends row by row, through the same writer)
     * @param queueCapacity entries waiting at most before callers wait for room
     */
    public AuditLog(DataSource dataSource, int maxBatch, int queueCapacity) {
        if (maxBatch < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("maxBatch and queueCapacity must be at least 1, got " + maxBatch + " and " + queueCapacity);
        }
        this.jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        // a failed commit is rolled back: by default Spring would only release the connection, and restoring
        // auto-commit on it then commits what the failed commit left open (PostgreSQL does; measured in the tests)
        manager.setRollbackOnCommitFailure(true);
        this.tx = new TransactionTemplate(manager);
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Applies the Flyway migrations (idempotent). */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /**
     * Appends one entry; returns its id. The row is committed when this returns (with the other rows of its
     * transaction, see the class comment); if its transaction did not commit, this throws
     * {@link NotRecordedException} and the answer must not leave. Waits while the queue is full. An
     * interrupt while waiting for the commit is kept (the flag is set again on return) but does not cut the
     * wait short: once queued, the entry's outcome is what the caller needs.
     *
     * @throws IllegalArgumentException when the entry could not be stored (a value missing where the table
     *         requires one, longer than its column, or holding a NUL character, which PostgreSQL refuses);
     *         checked here so that it does not fail the other rows of its transaction
     * @throws IllegalStateException    after {@link #close()}
     */
    public long record(Entry e) {
        String fired = checked(e);
        Pending p = new Pending(e, fired, setDigest(fired), new CompletableFuture<>());
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the audit log is closed: nothing more can be recorded");
            }
            startWriter();
            putUninterruptibly(p);
        } finally {
            closing.readLock().unlock();
        }
        try {
            return p.id().join();
        } catch (CompletionException ex) {
            Throwable cause = ex.getCause() == null ? ex : ex.getCause();
            Throwable root = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(cause);
            throw new NotRecordedException("the audit row was not recorded (its transaction did not commit): " + cause.getMessage()
                    + (root == cause ? "" : " (" + root.getMessage() + ")"), cause);
        }
    }

    /** What the writer has done so far (for the metrics). */
    public WriterStats writerStats() {
        return new WriterStats(rows.get(), transactions.get(), failedRows.get(), failedTransactions.get(), largestBatch.get(), queue.size());
    }

    /**
     * Stops taking records, writes those already queued (their callers get their answers as usual) and stops
     * the writer; returns when it has stopped. Idempotent. Reading ({@link #read}, {@link #verify}, ...)
     * still works afterwards.
     */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        Thread w = writer;
        if (w == null) {
            return;
        }
        // every record that saw closed == false has queued its entry by now: STOP comes after all of them
        putUninterruptibly(STOP);
        boolean interrupted = false;
        while (w.isAlive()) {
            try {
                w.join();
            } catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread t = new Thread(this::writeLoop, WRITER_THREAD);
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    private void putUninterruptibly(Pending p) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(p);
                break;
            } catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer: one batch per transaction, until {@link #STOP}. */
    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        boolean stop = false;
        while (!stop) {
            Pending first;
            try {
                first = queue.take();
            } catch (InterruptedException ex) {
                continue; // nobody else stops the writer: only STOP does, after the entries before it
            }
            if (first == STOP) {
                break;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            if (batch.get(batch.size() - 1) == STOP) {
                batch.remove(batch.size() - 1);
                stop = true;
            }
            write(batch);
            batch.clear();
        }
    }

    /** One transaction for the batch; every caller in it is answered, with its id or with the failure. */
    private void write(List<Pending> batch) {
        long[] ids;
        List<String> newSets = new ArrayList<>();
        try {
            ids = tx.execute(status -> jdbc.execute((ConnectionCallback<long[]>) c -> append(c, batch, newSets)));
        } catch (Throwable t) {
            failedTransactions.incrementAndGet();
            failedRows.addAndGet(batch.size());
            for (Pending p : batch) {
                p.id().completeExceptionally(t);
            }
            return;
        }
        // only now: a set inserted by a transaction that was rolled back is not stored
        newSets.forEach(d -> knownSets.put(d, Boolean.TRUE));
        transactions.incrementAndGet();
        rows.addAndGet(batch.size());
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).id().complete(ids[i]);
        }
    }

    /**
     * Inside the transaction: lock the head, store the fired-rule sets not stored yet (their digests go to
     * {@code newSets}), chain and insert the rows in order, move the head; returns their ids.
     *
     * <p>The ids are the head's last id plus 1, 2, ..., given here under the head lock rather than by the
     * identity column: they rise in chain order by construction, across processes too, and the database's
     * sequence, whose flushes were a quarter of the writer's work on H2, is not used. A row already holding
     * such an id (written by an older version through the identity column) fails the transaction, loudly.
     */
    private long[] append(java.sql.Connection c, List<Pending> batch, List<String> newSets) throws java.sql.SQLException {
        String prev;
        long lastId;
        try (PreparedStatement head = c.prepareStatement("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the audit chain head is missing (audit_chain_head id 1): was the database migrated?");
            }
            lastId = rs.getLong(1); // 0 when NULL: no row yet
            prev = rs.getString(2);
        }
        storeSets(c, batch, newSets);
        String[] hashes = new String[batch.size()];
        long[] ids = new long[batch.size()];
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < batch.size(); i++) {
                Entry e = batch.get(i).entry();
                OffsetDateTime at = stamp();
                String hash = hash(at, e.requestId(), e.channel(), e.patientRef(), e.inputsJson(), e.knowledgeVersion(),
                        batch.get(i).firedRules(), e.outputDigest(), prev);
                ids[i] = lastId + 1 + i;
                insert.setLong(1, ids[i]);
                insert.setTimestamp(2, Timestamp.from(at.toInstant()));
                insert.setString(3, e.requestId());
                insert.setString(4, e.channel());
                insert.setString(5, e.patientRef());
                insert.setString(6, e.inputsJson());
                insert.setString(7, e.knowledgeVersion());
                insert.setString(8, "");
                insert.setString(9, batch.get(i).firedSet());
                insert.setString(10, e.outputDigest());
                insert.setString(11, prev);
                insert.setString(12, hash);
                insert.addBatch();
                hashes[i] = hash;
                prev = hash;
            }
            insert.executeBatch();
            try (PreparedStatement move = c.prepareStatement("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1")) {
                move.setLong(1, ids[ids.length - 1]);
                move.setString(2, hashes[hashes.length - 1]);
                move.executeUpdate();
            }
            return ids;
        }
    }

    /**
     * Stores each fired-rule set of the batch that is not stored yet. The chain-head lock is held, so no other
     * writer (of this process or another sharing the database) stores a set between the look-up and the insert.
     */
    private void storeSets(java.sql.Connection c, List<Pending> batch, List<String> newSets) throws java.sql.SQLException {
        for (Pending p : batch) {
            String digest = p.firedSet();
            if (knownSets.containsKey(digest) || newSets.contains(digest)) {
                continue;
            }
            boolean stored;
            try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM fired_rule_set WHERE digest = ?")) {
                find.setString(1, digest);
                try (ResultSet rs = find.executeQuery()) {
                    stored = rs.next();
                }
            }
            if (!stored) {
                try (PreparedStatement put = c.prepareStatement("INSERT INTO fired_rule_set (digest, rules) VALUES (?, ?)")) {
                    put.setString(1, digest);
                    put.setString(2, p.firedRules());
                    put.executeUpdate();
                }
            }
            newSets.add(digest);
        }
    }

    /** The name of a stored fired-rule set: the SHA-256 of its text. */
    static String setDigest(String firedRules) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(firedRules.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clock, in milliseconds, never before the last time this writer stamped. */
    private OffsetDateTime stamp() {
        long now = Math.max(System.currentTimeMillis(), lastStampMillis);
        lastStampMillis = now;
        return Instant.ofEpochMilli(now).atOffset(ZoneOffset.UTC);
    }

    /** The fired rules as stored; refuses what could not be stored (see {@link #record}). */
    private static String checked(Entry e) {
        if (e == null) {
            throw new IllegalArgumentException("no audit entry");
        }
        String fired = e.firedRules() == null ? null : String.join("\n", e.firedRules());
        column("request_id", e.requestId(), REQUEST_ID_MAX, true);
        column("channel", e.channel(), CHANNEL_MAX, true);
        column("patient_ref", e.patientRef(), PATIENT_REF_MAX, false);
        column("inputs", e.inputsJson(), INPUTS_MAX, true);
        column("knowledge_version", e.knowledgeVersion(), KNOWLEDGE_VERSION_MAX, true);
        column("fired_rules", fired, FIRED_RULES_MAX, true);
        column("output_digest", e.outputDigest(), OUTPUT_DIGEST_MAX, true);
        return fired;
    }

    private static void column(String name, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("audit entry without " + name);
            }
            return;
        }
        if (value.length() > max) {
            throw new IllegalArgumentException("audit entry's " + name + " is " + value.length() + " characters, the column holds " + max);
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("audit entry's " + name + " holds a NUL character");
        }
    }

    public java.util.Optional<Row> row(long id) {
        return read(id - 1, 1).stream().filter(r -> r.id() == id).findFirst();
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log", Long.class);
        return n == null ? 0 : n;
    }

    /** Rows with id greater than {@code afterId}, oldest first. */
    public List<Row> read(long afterId, int limit) {
        return jdbc.query(SELECT_ROWS + " WHERE a.id > ? ORDER BY a.id LIMIT ?", (rs, i) -> new Row(rs.getLong("id"),
                rs.getTimestamp("recorded_at").toInstant().atOffset(ZoneOffset.UTC), rs.getString("request_id"), rs.getString("channel"),
                rs.getString("patient_ref"), rs.getString("inputs"), rs.getString("knowledge_version"), firedRules(rs),
                rs.getString("output_digest"), rs.getString("prev_hash"), rs.getString("row_hash")), afterId, limit);
    }

    /** A row's fired rules: its stored set's, or inline for rows written before sets; null when its set is missing. */
    private static String firedRules(ResultSet rs) throws java.sql.SQLException {
        return rs.getString("fired_rule_set") == null ? rs.getString("fired_rules") : rs.getString("set_rules");
    }

    /** Walks the whole chain in id order and names the first row that does not fit. */
    public Verification verify() {
        String expectedPrev = GENESIS;
        long after = 0;
        long rows = 0;
        while (true) {
            List<Row> page = read(after, 1000);
            if (page.isEmpty()) {
                break;
            }
            for (Row r : page) {
                rows++;
                if (r.firedRules() == null) {
                    return new Verification(false, rows, r.id(), "the list of rules it fired is missing (its stored set was removed)");
                }
                if (!r.prevHash().equals(expectedPrev)) {
                    return new Verification(false, rows, r.id(), "its prev_hash does not match the hash of the row before it (a row was removed, inserted or reordered)");
                }
                String recomputed = hash(r.recordedAt(), r.requestId(), r.channel(), r.patientRef(), r.inputsJson(), r.knowledgeVersion(),
                        r.firedRules(), r.outputDigest(), r.prevHash());
                if (!recomputed.equals(r.rowHash())) {
                    return new Verification(false, rows, r.id(), "its content does not match its hash (the row was changed)");
                }
                expectedPrev = r.rowHash();
                after = r.id();
            }
        }
        String head = jdbc.queryForObject("SELECT last_hash FROM audit_chain_head WHERE id = 1", String.class);
        if (!expectedPrev.equals(head)) {
            return new Verification(false, rows, null, "the chain head does not point at the last row (rows at the end were removed)");
        }
        return new Verification(true, rows, null, null);
    }

    static String hash(OffsetDateTime at, String... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(at.toInstant().toString().getBytes(StandardCharsets.UTF_8));
            for (String p : parts) {
                d.update((byte) 0x1f);
                d.update((p == null ? "\u0000" : p).getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of a text (the digest of an answer as sent). */
    public static String digest(String text) {
        return hash(OffsetDateTime.ofInstant(java.time.Instant.EPOCH, ZoneOffset.UTC), text);
    }

    /** The same digest as {@link #digest(String)} of the text these UTF-8 bytes encode: the bytes sent, hashed as sent. */
    public static String digest(byte[] utf8) {
        MessageDigest d = answerDigest();
        d.update(utf8);
        return "sha256:" + HexFormat.of().formatHex(d.digest());
    }

    /**
     * The same digest as {@code digest(json.writeValueAsString(value))}, computed while the JSON is written,
     * without building the (large) text: the UTF-8 bytes Jackson writes are those of the text.
     */
    public static String digestOfJson(com.fasterxml.jackson.databind.ObjectMapper json, Object value) {
        MessageDigest d = answerDigest();
        try (java.security.DigestOutputStream out = new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), d)) {
            json.writeValue(out, value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot serialise the answer for its digest", e);
        }
        return "sha256:" + HexFormat.of().formatHex(d.digest());
    }

    /** A SHA-256 that has taken what {@link #hash} puts before an answer's text: the epoch and the separator. */
    private static MessageDigest answerDigest() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(java.time.Instant.EPOCH.toString().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0x1f);
            return d;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
