package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.cairnmq.store.StoreBatch;
import org.hibernate.jdbc.Work;

/**
 * PostgreSQL, for one broker instance or several on one database: rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, a commit writes its rows as arrays ({@link MessageRowArrays}), and each
 * execution of a statement is planned with its parameters ({@link CustomPlans}).
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
    public void writeRows(Connection connection, StoreBatch batch, long[] ids, String instanceId)
            throws SQLException {
        MessageRowArrays.apply(connection, batch, ids, instanceId);
    }

    /** The plan mode, unless every connection of {@code dataSource} has it from its start. */
    @Override
    public Optional<Work> eachTransaction(DataSource dataSource) {
        return CustomPlans.setByEveryConnection(dataSource) ? Optional.empty() : Optional.of(CustomPlans::setForSession);
    }
}
