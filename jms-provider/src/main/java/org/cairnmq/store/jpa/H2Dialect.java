package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.cairnmq.store.StoreBatch;
import org.hibernate.jdbc.Work;

/**
 * H2, the embedded default. H2 is a single-node database: meant for the brokers of one process (they share
 * their claims in memory, {@link InProcessClaims}); brokers of other processes reaching the same database
 * over TCP or {@code AUTO_SERVER} work, with claims in rows, but several nodes belong on PostgreSQL.
 * Nothing refuses a second broker on one H2 database.
 */
final class H2Dialect implements StoreDialect {
    @Override
    public String scriptsFolder() {
        return "h2";
    }

    /**
     * In memory when only this process can reach the database; in rows when other processes may (a server,
     * AUTO_SERVER). No row lock: H2 would lock every row it reads before the page's end, not just the page.
     */
    @Override
    public DispatchClaims claims(DataSource dataSource) {
        InProcessClaims inProcess = InProcessClaims.open(dataSource);
        return inProcess != null ? inProcess : new DispatchClaims("");
    }

    @Override
    public void writeRows(Connection connection, StoreBatch batch, long[] ids, String instanceId)
            throws SQLException {
        MessageRowStatements.apply(connection, batch, ids, instanceId);
    }

    @Override
    public Optional<Work> eachTransaction(DataSource dataSource) {
        return Optional.empty();
    }
}
