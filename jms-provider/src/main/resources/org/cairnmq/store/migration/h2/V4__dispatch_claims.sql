-- The broker instance that holds a message in memory to dispatch it; NULL while only the store holds it.
ALTER TABLE cairn_message ADD COLUMN claimed_by VARCHAR(64);

-- Broker instances using this store. Their claims hold while lease_until (epoch millis) is in the future;
-- after that another instance may claim their messages.
CREATE TABLE cairn_node (
    instance_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    node_name   VARCHAR(255) NOT NULL,
    lease_until BIGINT       NOT NULL
);

-- Claiming takes the next messages of one queue (or durable subscription) in delivery order.
CREATE INDEX cairn_message_dispatch ON cairn_message (destination, subscription_id, priority DESC, id);
