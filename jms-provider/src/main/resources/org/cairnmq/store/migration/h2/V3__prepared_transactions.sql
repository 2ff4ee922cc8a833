-- XA transaction branches between prepare and their outcome.
CREATE SEQUENCE cairn_prepared_tx_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE cairn_prepared_tx (
    id           BIGINT         NOT NULL PRIMARY KEY,
    format_id    INTEGER        NOT NULL,
    gtrid        VARCHAR(128)   NOT NULL,
    bqual        VARCHAR(128)   NOT NULL,
    CONSTRAINT cairn_prepared_tx_xid UNIQUE (format_id, gtrid, bqual)
);

-- Messages a prepared branch acknowledged: deleted at commit, delivered again after rollback.
CREATE TABLE cairn_prepared_ack (
    tx_id       BIGINT NOT NULL,
    message_id  BIGINT NOT NULL,
    PRIMARY KEY (tx_id, message_id)
);

-- A prepared branch's sends: 0 for every visible message.
ALTER TABLE cairn_message ADD COLUMN prepared_tx BIGINT DEFAULT 0 NOT NULL;
