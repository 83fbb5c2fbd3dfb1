-- Every card a CDS Hooks service issued, so that feedback is accepted only for cards this service sent, and
-- can be traced to the request (and audit row) and to the finding behind the card.
-- Portable between H2 and PostgreSQL.
CREATE TABLE cds_card (
    card_uuid    VARCHAR(36)  PRIMARY KEY,
    service      VARCHAR(100) NOT NULL,
    request_id   VARCHAR(100) NOT NULL,
    audit_row_id BIGINT,
    pack         VARCHAR(100) NOT NULL,
    finding      VARCHAR(4000),
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX cds_card_request ON cds_card (request_id);
