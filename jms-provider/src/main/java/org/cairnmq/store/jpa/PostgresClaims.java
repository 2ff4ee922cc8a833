package org.cairnmq.store.jpa;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredQueue;

/**
 * Claims on PostgreSQL in one statement: pick the next claimable rows ({@code FOR UPDATE SKIP LOCKED}),
 * mark them and return them. When nodes share the store each consumer's next messages are claimed this
 * way, so the round trips of a claim (select ids, lock this node's row, update, read the rows) bounded
 * how fast a node's consumers were served. This node's row is locked for share in the same statement:
 * a claim by an instance taken over claims nothing, and a takeover waits for a claim under way.
 */
final class PostgresClaims extends DispatchClaims {
    private static final String CLAIM = "with me as (select instance_id from cairn_node where instance_id = ? for share), "
            + "next as (select m.id from cairn_message m where m.destination = ? and m.subscription_id = ? "
            + "and m.claimed_by is null and m.prepared_tx = 0 "
            + "and not exists (select 1 from cairn_prepared_ack a where a.message_id = m.id) "
            + "and m.delivery_time <= ? and exists (select 1 from me) "
            + "order by m.destination, m.subscription_id, m.priority desc, m.id limit ? for update of m skip locked) "
            + "update cairn_message m set claimed_by = ? from next where m.id = next.id returning " + COLUMNS;
    private static final Comparator<StoredMessage> DELIVERY_ORDER = Comparator
            .comparingInt((StoredMessage m) -> -m.headers().priority())
            .thenComparingLong(StoredMessage::id);

    PostgresClaims() {
        super(" for update skip locked");
    }

    @Override
    List<StoredMessage> claim(EntityManager em, String instanceId, StoredQueue queue, int max, long now) {
        List<StoredMessage> claimed = new ArrayList<>(max);
        try (PreparedStatement claim = connection(em).prepareStatement(CLAIM)) {
            claim.setString(1, instanceId);
            claim.setString(2, queue.destination());
            claim.setLong(3, queue.subscriptionId());
            claim.setLong(4, now);
            claim.setInt(5, max);
            claim.setString(6, instanceId);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(message(rows));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot claim messages of " + queue + ": " + e.getMessage(), e);
        }
        claimed.sort(DELIVERY_ORDER);
        return claimed;
    }
}
