-- Destinations' own flow-control memory limits, set by operators, keyed by destination name like the
-- delivery policies (a queue and a topic of one name share theirs). A table of its own rather than columns
-- of cairn_delivery_policy: a destination can have a limit and no policy of its own, or the reverse.
-- limit_bytes is at least 1; overflow_policy is 'BLOCK' or 'FAIL'.
CREATE TABLE cairn_memory_limit (
    destination     VARCHAR(255) NOT NULL PRIMARY KEY,
    limit_bytes     BIGINT       NOT NULL,
    overflow_policy VARCHAR(5)   NOT NULL
);
