-- After autovacuum empties the message table its indexes' statistics say 0 rows, and PostgreSQL then
-- costs a full scan of any index that holds id as low as the primary key for "delete ... where id = ?":
-- the benchmark's acknowledgements took 10-25 ms each on cairn_message_dispatch (auto_explain), about
-- 4,500 index pages read per delete. Only the primary key holds id as a key column from here on.

-- Claims read only unclaimed messages: a partial index, which a statement that does not say
-- "claimed_by is null" cannot use, and which messages held in memory (inserted claimed) never enter.
DROP INDEX cairn_message_dispatch;
CREATE INDEX cairn_message_dispatch ON cairn_message (destination, subscription_id, priority DESC, id)
    WHERE claimed_by IS NULL;

DROP INDEX cairn_message_destination;
CREATE INDEX cairn_message_destination ON cairn_message (destination, subscription_id);

DROP INDEX cairn_message_subscription;
CREATE INDEX cairn_message_subscription ON cairn_message (subscription_id);
