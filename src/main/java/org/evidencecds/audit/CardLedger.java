package org.evidencecds.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cards the CDS Hooks services issued (Spring JDBC; table {@code cds_card}, created by Flyway), so that
 * feedback is accepted only for a card this service sent, and can be traced to the request, its audit row
 * and the finding behind the card. Cards are never changed once recorded.
 */
public final class CardLedger {

    /**
     * One issued card: its uuid (as sent in the card), the service that sent it, the request (audit request
     * id / hookInstance), the pack and the finding or rule behind it (may be null), and when it was issued
     * (kept to the microsecond).
     */
    public record IssuedCard(String uuid, String service, String requestId, String pack, String finding, Instant issuedAt) {
        public IssuedCard {
            uuid = text("uuid", uuid, 36, true);
            service = text("service", service, 100, true);
            requestId = text("requestId", requestId, 100, true);
            pack = text("pack", pack, 100, true);
            finding = text("finding", finding, 4000, false);
            issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.MICROS);
        }

        private static String text(String name, String value, int max, boolean required) {
            if (value == null) {
                if (required) {
                    throw new IllegalArgumentException(name + " is required");
                }
                return null;
            }
            if (required && value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            if (value.length() > max) {
                throw new IllegalArgumentException(name + " has " + value.length() + " characters; at most " + max + " are stored");
            }
            return value;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public CardLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Records the cards of one answer, all or none (a uuid recorded before fails the whole call). */
    public void issued(List<IssuedCard> cards) {
        issued(cards, null);
    }

    /**
     * Records the cards of one answer, all or none, with the id of the answer's audit row (null when it has
     * none). A uuid recorded before fails the whole call with Spring's {@code DuplicateKeyException}.
     */
    public void issued(List<IssuedCard> cards, Long auditRowId) {
        if (cards.isEmpty()) {
            return;
        }
        List<IssuedCard> copy = List.copyOf(cards);
        tx.executeWithoutResult(status -> jdbc.batchUpdate(
                "INSERT INTO cds_card (card_uuid, service, request_id, audit_row_id, pack, finding, issued_at) VALUES (?,?,?,?,?,?,?)",
                copy, copy.size(), (ps, c) -> {
                    ps.setString(1, c.uuid());
                    ps.setString(2, c.service());
                    ps.setString(3, c.requestId());
                    if (auditRowId == null) {
                        ps.setNull(4, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(4, auditRowId);
                    }
                    ps.setString(5, c.pack());
                    ps.setString(6, c.finding());
                    ps.setTimestamp(7, Timestamp.from(c.issuedAt()));
                }));
    }

    /** The card issued with this uuid, if this service issued it. */
    public Optional<IssuedCard> find(String uuid) {
        if (uuid == null || uuid.isEmpty() || uuid.length() > 36) {
            return Optional.empty();
        }
        return jdbc.query("SELECT card_uuid, service, request_id, pack, finding, issued_at FROM cds_card WHERE card_uuid = ?",
                (rs, i) -> new IssuedCard(rs.getString("card_uuid"), rs.getString("service"), rs.getString("request_id"),
                        rs.getString("pack"), rs.getString("finding"), rs.getTimestamp("issued_at").toInstant()), uuid)
                .stream().findFirst();
    }

    /** The audit row of the answer that carried the card, when it was recorded with one. */
    public OptionalLong auditRowId(String uuid) {
        if (uuid == null || uuid.isEmpty() || uuid.length() > 36) {
            return OptionalLong.empty();
        }
        List<Long> ids = jdbc.query("SELECT audit_row_id FROM cds_card WHERE card_uuid = ?", (rs, i) -> {
            long id = rs.getLong(1);
            return rs.wasNull() ? null : id;
        }, uuid);
        return ids.isEmpty() || ids.get(0) == null ? OptionalLong.empty() : OptionalLong.of(ids.get(0));
    }

    /** The cards issued in answer to one request, in the order they were recorded. */
    public List<IssuedCard> ofRequest(String requestId) {
        return jdbc.query("SELECT card_uuid, service, request_id, pack, finding, issued_at FROM cds_card WHERE request_id = ? "
                        + "ORDER BY issued_at, card_uuid",
                (rs, i) -> new IssuedCard(rs.getString("card_uuid"), rs.getString("service"), rs.getString("request_id"),
                        rs.getString("pack"), rs.getString("finding"), rs.getTimestamp("issued_at").toInstant()), requestId);
    }
}
