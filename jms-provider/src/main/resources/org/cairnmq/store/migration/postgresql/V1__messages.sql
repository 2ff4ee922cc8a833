-- Persistent messages waiting for acknowledgement. Non-persistent messages never reach this table.
CREATE SEQUENCE cairn_message_seq START WITH 1 INCREMENT BY 100;

CREATE TABLE cairn_message (
    id             BIGINT        NOT NULL PRIMARY KEY,
    destination    VARCHAR(255)  NOT NULL,
    message_id     VARCHAR(100),
    sent_at        BIGINT        NOT NULL,
    correlation_id VARCHAR(255),
    reply_to       VARCHAR(300),
    message_type   VARCHAR(255),
    priority       INTEGER       NOT NULL,
    expiration     BIGINT        NOT NULL,
    delivery_time  BIGINT        NOT NULL,
    delivery_count INTEGER       NOT NULL,
    body_type      INTEGER       NOT NULL,
    properties     BYTEA,
    body           BYTEA
);

-- Start-up rebuilds each queue in arrival order.
CREATE INDEX cairn_message_destination ON cairn_message (destination, id);
