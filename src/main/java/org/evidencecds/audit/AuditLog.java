package org.evidencecds.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit log (Spring JDBC; schema by Flyway). Every row carries the hash of the previous
 * row, so any change, deletion or reordering is found by {@link #verify()}. Appends are serialised by
 * locking the chain head row in the same transaction, which works across threads and across processes
 * sharing the database.
 */
public final class AuditLog {

    static final String GENESIS = "genesis";

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

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public AuditLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Applies the Flyway migrations (idempotent). */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** Appends one entry; returns its id. The row is committed when this returns. */
    public long record(Entry e) {
        Long id = tx.execute(status -> {
            String prev = jdbc.queryForObject("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE", String.class);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            String fired = String.join("\n", e.firedRules());
            String hash = hash(now, e.requestId(), e.channel(), e.patientRef(), e.inputsJson(), e.knowledgeVersion(), fired,
                    e.outputDigest(), prev);
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(c -> {
                var ps = c.prepareStatement("INSERT INTO audit_log (recorded_at, request_id, channel, patient_ref, inputs, "
                        + "knowledge_version, fired_rules, output_digest, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?,?,?)", new String[] {"id"});
                ps.setTimestamp(1, Timestamp.from(now.toInstant()));
                ps.setString(2, e.requestId());
                ps.setString(3, e.channel());
                ps.setString(4, e.patientRef());
                ps.setString(5, e.inputsJson());
                ps.setString(6, e.knowledgeVersion());
                ps.setString(7, fired);
                ps.setString(8, e.outputDigest());
                ps.setString(9, prev);
                ps.setString(10, hash);
                return ps;
            }, keys);
            long newId = keys.getKey().longValue();
            jdbc.update("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1", newId, hash);
            return newId;
        });
        return id == null ? -1 : id;
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
        return jdbc.query("SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?", (rs, i) -> new Row(rs.getLong("id"),
                rs.getTimestamp("recorded_at").toInstant().atOffset(ZoneOffset.UTC), rs.getString("request_id"), rs.getString("channel"),
                rs.getString("patient_ref"), rs.getString("inputs"), rs.getString("knowledge_version"), rs.getString("fired_rules"),
                rs.getString("output_digest"), rs.getString("prev_hash"), rs.getString("row_hash")), afterId, limit);
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
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(java.time.Instant.EPOCH.toString().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0x1f);
            d.update(utf8);
            return "sha256:" + HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same digest as {@code digest(json.writeValueAsString(value))}, computed while the JSON is written,
     * without building the (large) text: the UTF-8 bytes Jackson writes are those of the text.
     */
    public static String digestOfJson(com.fasterxml.jackson.databind.ObjectMapper json, Object value) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(java.time.Instant.EPOCH.toString().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0x1f);
            try (java.security.DigestOutputStream out = new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), d)) {
                json.writeValue(out, value);
            }
            return "sha256:" + HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot serialise the answer for its digest", e);
        }
    }
}
