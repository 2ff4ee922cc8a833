package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.cairnmq.store.StoreException;

/**
 * This instance's row in {@code cairn_node}, renewed on a connection of its own: the pool may be taken by
 * long store work (a page, a takeover, group commits waiting on a slow disk) exactly when the lease must
 * not lapse. The connection is opened at the first renewal and again after any failure.
 */
final class NodeTable implements AutoCloseable {
    /** The database's clock in epoch millis: every instance judges leases by it, whatever its own clock says. */
    static final String DATABASE_NOW = "cast(extract(epoch from current_timestamp) * 1000 as bigint)";
    private static final String RENEW = "update cairn_node set lease_until = " + DATABASE_NOW + " + ?, "
            + "renewed_at = " + DATABASE_NOW + ", consumers = coalesce(?, consumers) where instance_id = ?";

    private final DataSource dataSource;
    private Connection connection; // guarded by this

    NodeTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return whether this instance's row was there to renew */
    synchronized boolean renew(String instanceId, long leaseMillis, int consumers) {
        return update(RENEW, leaseMillis, consumers < 0 ? null : consumers, instanceId) == 1;
    }

    /** How many other instances hold a live lease now. */
    synchronized int others(String instanceId) {
        try (PreparedStatement statement = connection().prepareStatement("select count(*) from cairn_node "
                + "where instance_id <> ? and lease_until > " + DATABASE_NOW)) {
            statement.setString(1, instanceId);
            try (java.sql.ResultSet r = statement.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            closeConnection();
            throw new StoreException("Cannot read the other nodes' leases: " + e.getMessage(), e);
        }
    }

    /** Ends the lease now, so that another instance may take over at once. */
    synchronized void leave(String instanceId) {
        update("update cairn_node set lease_until = 0 where instance_id = ?", instanceId);
    }

    /** The lease's own connection, opened at first use and again after a failure. Guarded by this. */
    private java.sql.Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private int update(String sql, Object... parameters) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    statement.setNull(i + 1, java.sql.Types.INTEGER);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            closeConnection();
            throw new StoreException("Cannot renew this broker's lease: " + e.getMessage(), e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection: the next renewal opens another
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }
}
