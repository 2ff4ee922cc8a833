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
 * touching only rows its instance holds (the store then tells the other nodes, {@link ChangeSignals});
 * each execution of a statement is planned with its parameters ({@link CustomPlans}).
 */
final class PostgresDialect implements StoreDialect {
    @Override
    public String scriptsFolder() {
        return "postgresql";
    }

    @Override
    public DispatchClaims claims(DataSource dataSource) {
        return new PostgresClaims();
    }

    @Override
    public void writeRows(Connection connection, StoreBatch batch, long[] ids, String instanceId, boolean again)
            throws SQLException {
        MessageRowArrays.apply(connection, batch, ids, instanceId, again);
    }

    /**
     * One forced write per claim would bound a node's claims by the disk's fsync rate; the WAL is written
     * in order, so the next durable commit (the acknowledgement's) makes the claim durable too.
     */
    @Override
    public void claimOnly(Connection connection) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("set local synchronous_commit to off");
        }
    }

    @Override
    public boolean sharedByNodes() {
        return true;
    }

    /** The plan mode, unless every connection of {@code dataSource} has it from its start. */
    @Override
    public Optional<Work> eachTransaction(DataSource dataSource) {
        return CustomPlans.setByEveryConnection(dataSource) ? Optional.empty() : Optional.of(CustomPlans::setForSession);
    }
}
