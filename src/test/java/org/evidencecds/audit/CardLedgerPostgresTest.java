package org.evidencecds.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.evidencecds.audit.CardLedger.IssuedCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.dao.DuplicateKeyException;

/**
 * The V4 migration and the card ledger against a real PostgreSQL (AUDIT_TEST_POSTGRES_URL, as for
 * {@link AuditLogPostgresTest}); skipped with a printed message without one.
 */
class CardLedgerPostgresTest {

    private static PGSimpleDataSource ds;

    @BeforeAll
    static void connect() throws Exception {
        String url = System.getenv("AUDIT_TEST_POSTGRES_URL");
        boolean reachable = false;
        if (url != null && !url.isBlank()) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                reachable = true;
            } catch (Exception e) {
                System.out.println("SKIPPED CardLedgerPostgresTest: PostgreSQL at AUDIT_TEST_POSTGRES_URL is not reachable: " + e.getMessage());
            }
        } else {
            System.out.println("SKIPPED CardLedgerPostgresTest: no PostgreSQL configured (set AUDIT_TEST_POSTGRES_URL; .ci/run does)");
        }
        assumeTrue(reachable, "no reachable PostgreSQL");
        ds = new PGSimpleDataSource();
        ds.setURL(url);
        AuditLog.migrate(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM cds_card WHERE service = 'card-ledger-postgres-test'");
        }
    }

    @Test
    void cardsRoundTripAndACallIsAllOrNone() {
        CardLedger ledger = new CardLedger(ds);
        Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
        IssuedCard a = new IssuedCard("0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11", "card-ledger-postgres-test", "req-1", "dfu-cell-therapy",
                "dfu-cell-therapy/ulcer-healing/overall", at);
        ledger.issued(List.of(a), 7L);
        assertEquals(Optional.of(a), ledger.find(a.uuid()));
        assertEquals(OptionalLong.of(7), ledger.auditRowId(a.uuid()));
        IssuedCard b = new IssuedCard("11111111-2222-4333-8444-555555555555", "card-ledger-postgres-test", "req-2", "dfu-cell-therapy", null, at);
        assertThrows(DuplicateKeyException.class, () -> ledger.issued(List.of(b, a)));
        assertEquals(Optional.empty(), ledger.find(b.uuid()));
    }
}
