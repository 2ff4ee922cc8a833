-- Durable topic subscriptions, and the messages kept for each of them.
CREATE SEQUENCE cairn_subscription_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE cairn_subscription (
    id        BIGINT        NOT NULL PRIMARY KEY,
    topic     VARCHAR(255)  NOT NULL,
    name      VARCHAR(255)  NOT NULL,
    client_id VARCHAR(255),
    selector  VARCHAR(4000),
    no_local  BOOLEAN       NOT NULL,
    shared    BOOLEAN       NOT NULL
);

-- 0 for a queue's message; the subscription's id for a message kept for a durable subscription.
ALTER TABLE cairn_message ADD COLUMN subscription_id BIGINT DEFAULT 0 NOT NULL;

CREATE INDEX cairn_message_subscription ON cairn_message (subscription_id, id);
