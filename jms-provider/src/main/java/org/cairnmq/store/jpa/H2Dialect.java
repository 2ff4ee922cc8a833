package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.cairnmq.store.StoreBatch;
import org.hibernate.jdbc.Work;

/**
 * H2, the embedded default, holds the brokers of one process: they share their claims in memory
 * ({@link InProcessClaims}). When other processes may reach the database (TCP, {@code AUTO_SERVER}), the
 * claims are in rows, which H2 cannot lock the way nodes need, so a broker of another node name joining
 * while a node's lease runs is refused ({@link DispatchClaims#join}): several nodes belong on PostgreSQL.
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
    public void writeRows(Connection connection, StoreBatch batch, long[] ids, String instanceId, boolean again)
            throws SQLException {
        MessageRowStatements.apply(connection, batch, ids, instanceId);
    }

    /** One node per H2 database: in memory or in a file, it is one process's (docs/cluster.md). */
    @Override
    public boolean sharedByNodes() {
        return false;
    }

    @Override
    public Optional<Work> eachTransaction(DataSource dataSource) {
        return Optional.empty();
    }
}
