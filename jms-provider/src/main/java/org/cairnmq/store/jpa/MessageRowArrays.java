package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;

/**
 * The rows a commit writes on PostgreSQL: one statement for all its inserts, one for all its deletes,
 * each column or id list bound as an array. A JDBC batch sends one execution per row, and PostgreSQL's
 * backend, which runs the group commits one after another, spent most of its time starting and ending
 * those executions; a statement over {@code unnest} of arrays runs the executor once per commit.
 */
final class MessageRowArrays {
    private static final String INSERT = "insert into cairn_message (id, destination, subscription_id, "
            + "prepared_tx, message_id, sent_at, correlation_id, reply_to, message_type, priority, expiration, "
            + "delivery_time, delivery_count, body_type, properties, body, claimed_by) "
            + "select r.id, r.destination, r.subscription_id, 0, r.message_id, r.sent_at, r.correlation_id, "
            + "r.reply_to, r.message_type, r.priority, r.expiration, r.delivery_time, r.delivery_count, "
            + "r.body_type, r.properties, r.body, r.claimed_by "
            + "from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], "
            + "?::varchar[], ?::varchar[], ?::integer[], ?::bigint[], ?::bigint[], ?::integer[], ?::integer[], "
            + "?::bytea[], ?::bytea[], ?::varchar[]) as r(id, destination, subscription_id, message_id, sent_at, "
            + "correlation_id, reply_to, message_type, priority, expiration, delivery_time, delivery_count, "
            + "body_type, properties, body, claimed_by)";
    /** The element type of each array {@link #INSERT} takes, in its order. */
    private static final String[] COLUMN_TYPES = {"bigint", "varchar", "bigint", "varchar", "bigint", "varchar",
            "varchar", "varchar", "integer", "bigint", "bigint", "integer", "integer", "bytea", "bytea", "varchar"};
    // Deletes and updates touch only rows this instance holds: a node whose lease lapsed and whose messages
    // another node took over cannot acknowledge them (docs/cluster.md, fenced claims).
    private static final String DELETE = "delete from cairn_message where id = any(?::bigint[]) and claimed_by = ?";
    private static final String COUNT = "update cairn_message m set delivery_count = c.attempts "
            + "from unnest(?::bigint[], ?::integer[]) as c(id, attempts) where m.id = c.id and m.claimed_by = ?";

    private MessageRowArrays() {
    }

    /**
     * Writes the batch as {@link MessageRowStatements#apply} does, in at most three statements, its deletes
     * and delivery counts only on rows {@code instanceId} holds.
     *
     * @param again whether an earlier attempt of the batch may have committed (its deletes may be done)
     * @throws org.cairnmq.store.StoreException {@code claimsLost} when a row to delete or update is held by
     *                                          another instance, or (first attempt) is gone
     */
    static void apply(Connection connection, StoreBatch batch, long[] ids, String instanceId, boolean again)
            throws SQLException {
        List<StoredMessage> inserts = batch.inserts();
        if (!inserts.isEmpty()) {
            insert(connection, batch, ids, instanceId);
        }
        Map<Long, Integer> deliveryCounts = batch.deliveryCounts();
        if (!deliveryCounts.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(COUNT)) {
                Long[] counted = deliveryCounts.keySet().toArray(new Long[0]);
                Integer[] attempts = deliveryCounts.values().toArray(new Integer[0]);
                update.setArray(1, connection.createArrayOf("bigint", counted));
                update.setArray(2, connection.createArrayOf("integer", attempts));
                update.setString(3, instanceId);
                if (update.executeUpdate() != counted.length) {
                    ClaimFence.check(connection, List.of(counted), instanceId, again);
                }
            }
        }
        if (!batch.deletes().isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                Long[] deleted = batch.deletes().toArray(new Long[0]);
                delete.setArray(1, connection.createArrayOf("bigint", deleted));
                delete.setString(2, instanceId);
                if (delete.executeUpdate() != deleted.length) {
                    ClaimFence.check(connection, List.of(deleted), instanceId, again);
                }
            }
        }
    }

    /**
     * Arrays of the element type the column holds: the driver sends {@code Long[]}, {@code Integer[]} and
     * {@code byte[][]} in PostgreSQL's binary form, an {@code Object[]} as text (a body twice its size in hex,
     * parsed again by the server).
     */
    private static Object[] elements(String type, int n) {
        return switch (type) {
            case "bigint" -> new Long[n];
            case "integer" -> new Integer[n];
            case "bytea" -> new byte[n][];
            default -> new String[n];
        };
    }

    private static void insert(Connection connection, StoreBatch batch, long[] ids, String instanceId)
            throws SQLException {
        List<StoredMessage> inserts = batch.inserts();
        int n = inserts.size();
        Object[][] columns = new Object[COLUMN_TYPES.length][];
        for (int c = 0; c < COLUMN_TYPES.length; c++) {
            columns[c] = elements(COLUMN_TYPES[c], n);
        }
        for (int i = 0; i < n; i++) {
            StoredMessage m = inserts.get(i);
            StoredHeaders h = m.headers();
            Object[] row = {ids[i], m.destination(), m.subscriptionId(), h.messageId(), h.timestamp(),
                    h.correlationId(), h.replyTo(), h.type(), h.priority(), h.expiration(), h.deliveryTime(),
                    m.deliveryCount(), m.bodyType(), m.properties(), m.body(), batch.isClaimed(i) ? instanceId : null};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int c = 0; c < COLUMN_TYPES.length; c++) {
                insert.setArray(c + 1, connection.createArrayOf(COLUMN_TYPES[c], columns[c]));
            }
            insert.executeUpdate();
        }
    }
}
