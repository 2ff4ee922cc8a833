package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.cairnmq.store.StoreBatch;
import org.hibernate.jdbc.Work;

/**
 * PostgreSQL, for one broker instance or several on one database (the nodes of one broker): rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, a commit writes its rows as arrays ({@link MessageRowArrays})
 * touching only rows its instance holds, and tells the other nodes what it wrote ({@link ChangeSignals});
 * each execution of a statement is planned with its parameters ({@link CustomPlans}).
 */
final class PostgresDialect implements StoreDialect {
    @Override
    public String scriptsFolder() {
        return "postgresql";
    }

    @Override
    public DispatchClaims claims(DataSource dataSource) {
        return new DispatchClaims(" for update skip locked");
    }

    @Override
    public void writeRows(Connection connection, StoreBatch batch, long[] ids, String instanceId, boolean again)
            throws SQLException {
        MessageRowArrays.apply(connection, batch, ids, instanceId, again);
        java.util.Set<org.cairnmq.store.StoredQueue> unclaimed = new java.util.LinkedHashSet<>();
        for (int i = 0; i < batch.inserts().size(); i++) {
            if (!batch.isClaimed(i)) {
                org.cairnmq.store.StoredMessage m = batch.inserts().get(i);
                unclaimed.add(new org.cairnmq.store.StoredQueue(m.destination(), m.subscriptionId()));
            }
        }
        if (!unclaimed.isEmpty()) {
            ChangeSignals.messagesWritten(connection, instanceId, unclaimed);
        }
    }

    @Override
    public boolean sharedByNodes() {
        return true;
    }

    @Override
    public void subscriptionsChanged(Connection connection, String instanceId) throws SQLException {
        ChangeSignals.subscriptionsChanged(connection, instanceId);
    }

    /** The plan mode, unless every connection of {@code dataSource} has it from its start. */
    @Override
    public Optional<Work> eachTransaction(DataSource dataSource) {
        return CustomPlans.setByEveryConnection(dataSource) ? Optional.empty() : Optional.of(CustomPlans::setForSession);
    }
}
