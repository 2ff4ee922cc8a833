-- When each broker instance last renewed its lease (the database's clock, epoch millis), and how many
-- consumers it had then: what operators see of every node, whichever node they ask.
ALTER TABLE cairn_node ADD COLUMN renewed_at BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE cairn_node ADD COLUMN consumers INTEGER DEFAULT 0 NOT NULL;

-- The node whose broker prepared an XA branch: that node recovers it when it starts again, and no other.
-- NULL for branches prepared before nodes were recorded: any node recovers those.
ALTER TABLE cairn_prepared_tx ADD COLUMN node_name VARCHAR(255);
