package org.evidencecds.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.evidencecds.audit.CardLedger.IssuedCard;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The card ledger on embedded H2 (a fresh in-memory database per test, migrated by Flyway). */
class CardLedgerH2Test {

    static final String SERVICE = "dfu-cell-therapy-evidence";
    static final String REQUEST = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";

    private static JdbcDataSource fresh(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        AuditLog.migrate(ds);
        return ds;
    }

    static IssuedCard card(String uuid, String finding, Instant at) {
        return new IssuedCard(uuid, SERVICE, REQUEST, "dfu-cell-therapy", finding, at);
    }

    @Test
    void issuedCardsAreFoundAgainAsRecorded() {
        CardLedger ledger = new CardLedger(fresh("found"));
        Instant at = Instant.parse("2026-03-01T10:15:30.123456789Z");
        IssuedCard healing = card("0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11", "dfu-cell-therapy/ulcer-healing/overall", at);
        IssuedCard noFinding = card("7e0d8a4c-1f2b-4e3a-8c9d-0a1b2c3d4e5f", null, at);
        ledger.issued(List.of(healing, noFinding));

        IssuedCard found = ledger.find(healing.uuid()).orElseThrow();
        assertEquals(healing, found);
        assertEquals(Instant.parse("2026-03-01T10:15:30.123456Z"), found.issuedAt(), "kept to the microsecond");
        assertEquals(Optional.of(noFinding), ledger.find(noFinding.uuid()));
        assertEquals(null, ledger.find(noFinding.uuid()).orElseThrow().finding());
        assertEquals(2, ledger.ofRequest(REQUEST).size());
        assertEquals(OptionalLong.empty(), ledger.auditRowId(healing.uuid()));
    }

    @Test
    void aCardNotIssuedIsNotFound() {
        CardLedger ledger = new CardLedger(fresh("unknown"));
        ledger.issued(List.of(card("0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11", "f", Instant.now())));
        assertEquals(Optional.empty(), ledger.find("9368d37b-283f-44a0-93ea-547cebab93ed"));
        assertEquals(Optional.empty(), ledger.find(""));
        assertEquals(Optional.empty(), ledger.find(null));
        assertEquals(Optional.empty(), ledger.find("x".repeat(10_000)));
        assertEquals(Optional.empty(), ledger.find("' OR '1'='1"));
    }

    @Test
    void theAuditRowOfTheAnswerIsKept() {
        CardLedger ledger = new CardLedger(fresh("audit-row"));
        ledger.issued(List.of(card("0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11", "f", Instant.now())), 42L);
        assertEquals(OptionalLong.of(42), ledger.auditRowId("0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11"));
    }

    @Test
    void oneCallIsOneTransactionAllOrNone() {
        JdbcDataSource ds = fresh("atomic");
        CardLedger ledger = new CardLedger(ds);
        Instant at = Instant.now();
        ledger.issued(List.of(card("0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11", "f", at)));
        // the second card repeats a uuid already recorded: neither card of this call is kept
        assertThrows(DuplicateKeyException.class, () -> ledger.issued(List.of(
                card("11111111-2222-4333-8444-555555555555", "g", at),
                card("0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11", "h", at))));
        assertEquals(Optional.empty(), ledger.find("11111111-2222-4333-8444-555555555555"));
        assertEquals("f", ledger.find("0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11").orElseThrow().finding(), "the first record is unchanged");
        assertEquals(1, new JdbcTemplate(ds).queryForObject("SELECT COUNT(*) FROM cds_card", Integer.class));
        ledger.issued(List.of()); // nothing to record is not an error
    }

    @Test
    void whatCannotBeStoredIsRefusedBeforeTheDatabase() {
        Instant at = Instant.now();
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> new IssuedCard("x".repeat(37), SERVICE, REQUEST, "p", null, at));
        assertTrue(tooLong.getMessage().startsWith("uuid has 37 characters"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IssuedCard("u", SERVICE, null, "p", null, at));
        assertThrows(IllegalArgumentException.class, () -> new IssuedCard("u", " ", REQUEST, "p", null, at));
        assertThrows(IllegalArgumentException.class, () -> new IssuedCard("u", SERVICE, REQUEST, "p", "f".repeat(4001), at));
        assertThrows(NullPointerException.class, () -> new IssuedCard("u", SERVICE, REQUEST, "p", null, null));
    }
}
