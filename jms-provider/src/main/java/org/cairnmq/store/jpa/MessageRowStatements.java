package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;

/**
 * The rows a commit of sends and acknowledgements writes, as JDBC batches of fixed statements: the path
 * every persistent message takes, so it carries no entity work. Through JPA each insert was an entity with
 * its events and action queue, and each {@code delete … where id in :ids} was translated anew for every
 * list length; these statements are parsed once per connection. Ids still come from the entity's own
 * sequence generator, shared with the inserts that do go through JPA (prepared XA branches).
 */
final class MessageRowStatements {
    private static final String INSERT = "insert into cairn_message (id, destination, subscription_id, "
            + "prepared_tx, message_id, sent_at, correlation_id, reply_to, message_type, priority, expiration, "
            + "delivery_time, delivery_count, body_type, properties, body, claimed_by) "
            + "values (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "delete from cairn_message where id = ?";
    private static final String COUNT = "update cairn_message set delivery_count = ? where id = ?";

    private MessageRowStatements() {
    }

    /**
     * Writes the batch on the transaction's connection: inserts first (with the given ids, claimed by
     * {@code instanceId} unless the batch says otherwise), then delivery counts, then deletes.
     */
    static void apply(Connection connection, StoreBatch batch, long[] ids, String instanceId) throws SQLException {
        List<StoredMessage> inserts = batch.inserts();
        if (!inserts.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < inserts.size(); i++) {
                    bind(insert, inserts.get(i), ids[i], batch.isClaimed(i) ? instanceId : null);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        Map<Long, Integer> deliveryCounts = batch.deliveryCounts();
        if (!deliveryCounts.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(COUNT)) {
                for (Map.Entry<Long, Integer> count : deliveryCounts.entrySet()) {
                    update.setInt(1, count.getValue());
                    update.setLong(2, count.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        if (!batch.deletes().isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                for (long id : batch.deletes()) {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement insert, StoredMessage m, long id, String claimedBy)
            throws SQLException {
        StoredHeaders h = m.headers();
        insert.setLong(1, id);
        insert.setString(2, m.destination());
        insert.setLong(3, m.subscriptionId());
        insert.setString(4, h.messageId());
        insert.setLong(5, h.timestamp());
        insert.setString(6, h.correlationId());
        insert.setString(7, h.replyTo());
        insert.setString(8, h.type());
        insert.setInt(9, h.priority());
        insert.setLong(10, h.expiration());
        insert.setLong(11, h.deliveryTime());
        insert.setInt(12, m.deliveryCount());
        insert.setInt(13, m.bodyType());
        setBytes(insert, 14, m.properties());
        setBytes(insert, 15, m.body());
        insert.setString(16, claimedBy);
    }

    private static void setBytes(PreparedStatement statement, int index, byte[] bytes) throws SQLException {
        if (bytes == null) {
            statement.setNull(index, Types.VARBINARY);
        } else {
            statement.setBytes(index, bytes);
        }
    }
}
