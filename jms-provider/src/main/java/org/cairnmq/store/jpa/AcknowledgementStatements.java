package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The row changes of a commit that need no entity: deletes of acknowledged messages and updates of
 * delivery counts, as JDBC batches of one fixed statement each. A JPQL {@code delete … where id in :ids}
 * is translated anew for every list length, on every acknowledgement; these two statements are parsed
 * once per connection.
 */
final class AcknowledgementStatements {
    private static final String DELETE = "delete from cairn_message where id = ?";
    private static final String COUNT = "update cairn_message set delivery_count = ? where id = ?";

    private AcknowledgementStatements() {
    }

    /** Runs on the transaction's connection; the caller has flushed the inserts of the same transaction. */
    static void apply(Connection connection, Map<Long, Integer> deliveryCounts, List<Long> deletes)
            throws SQLException {
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
        if (!deletes.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                for (long id : deletes) {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
    }
}
