-- Queues and topics operators created, kept so that they exist after a restart and on every broker
-- instance sharing this database even while they hold no message. kind is 'QUEUE' or 'TOPIC'.
CREATE TABLE cairn_destination (
    kind VARCHAR(5)   NOT NULL,
    name VARCHAR(255) NOT NULL,
    PRIMARY KEY (kind, name)
);

-- Destinations' own delivery policies, keyed by destination name (a queue and a topic of one name share
-- theirs, as in the broker). Delays in milliseconds; expiry_queue NULL: expired messages are dropped.
CREATE TABLE cairn_delivery_policy (
    destination             VARCHAR(255)     NOT NULL PRIMARY KEY,
    max_delivery_attempts   INTEGER          NOT NULL,
    redelivery_delay        BIGINT           NOT NULL,
    back_off_multiplier     DOUBLE PRECISION NOT NULL,
    max_redelivery_delay    BIGINT           NOT NULL,
    dead_letter_queue       VARCHAR(255)     NOT NULL,
    expiry_queue            VARCHAR(255)
);
