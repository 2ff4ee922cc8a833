package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cairnmq.store.DestinationSettings;
import org.cairnmq.store.DestinationSettingsStore;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMemoryLimit;
import org.cairnmq.store.StoredDestination;
import org.cairnmq.store.StoredPolicy;

/**
 * {@link DestinationSettingsStore} on the tables {@code cairn_destination}, {@code cairn_delivery_policy} and
 * {@code cairn_memory_limit}.
 * Plain JDBC over the store's data source (with its statement timeouts): a handful of small rows, written
 * portably for H2 and PostgreSQL (no MERGE or ON CONFLICT), and safe when two instances write the same row.
 */
final class DestinationSettingsTables implements DestinationSettingsStore {
    /** SQLSTATE of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String POLICY_COLUMNS = "max_delivery_attempts, redelivery_delay, back_off_multiplier, "
            + "max_redelivery_delay, dead_letter_queue, expiry_queue";

    private final DataSource dataSource;

    DestinationSettingsTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void saveDestination(StoredDestination destination) {
        inTransaction("record " + destination.kind() + " " + destination.name(), c -> {
            if (exists(c, destination)) {
                return;
            }
            try (PreparedStatement insert = c.prepareStatement("insert into cairn_destination (kind, name) values (?, ?)")) {
                insert.setString(1, destination.kind());
                insert.setString(2, destination.name());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // Another instance recorded it between our look and our insert: what we wanted is there.
                // PostgreSQL has aborted the transaction: end it with a rollback rather than rely on what the
                // driver's commit does with an aborted one.
                c.rollback();
            }
        });
    }

    private static boolean exists(Connection c, StoredDestination destination) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select 1 from cairn_destination where kind = ? and name = ?")) {
            select.setString(1, destination.kind());
            select.setString(2, destination.name());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void deleteDestination(StoredDestination destination, boolean withPolicy) {
        inTransaction("forget " + destination.kind() + " " + destination.name(), c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from cairn_destination where kind = ? and name = ?")) {
                delete.setString(1, destination.kind());
                delete.setString(2, destination.name());
                delete.executeUpdate();
            }
            if (withPolicy) {
                deleteSettingsOf(c, destination.name());
            }
        });
    }

    @Override
    public void savePolicy(StoredPolicy policy) {
        replaceRow("record the policy of " + policy.destination(), c -> updatePolicy(c, policy), c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into cairn_delivery_policy (destination, "
                    + POLICY_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, policy.destination());
                bindPolicy(insert, 2, policy);
                return insert.executeUpdate();
            }
        });
    }

    /**
     * Updates a row, or inserts it when there is none. When another instance inserted it between our update
     * and our insert, ours is the later write and replaces it: PostgreSQL has aborted the transaction at the
     * failed insert, so the update runs again in a new one.
     */
    private void replaceRow(String what, Statement update, Statement insert) {
        inTransaction(what, c -> {
            if (update.run(c) > 0) {
                return;
            }
            try {
                insert.run(c);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback();
                update.run(c);
            }
        });
    }

    private static int updatePolicy(Connection c, StoredPolicy policy) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update cairn_delivery_policy set max_delivery_attempts = ?, "
                + "redelivery_delay = ?, back_off_multiplier = ?, max_redelivery_delay = ?, dead_letter_queue = ?, "
                + "expiry_queue = ? where destination = ?")) {
            bindPolicy(update, 1, policy);
            update.setString(7, policy.destination());
            return update.executeUpdate();
        }
    }

    private static void bindPolicy(PreparedStatement statement, int first, StoredPolicy policy) throws SQLException {
        statement.setInt(first, policy.maxDeliveryAttempts());
        statement.setLong(first + 1, policy.redeliveryDelayMillis());
        statement.setDouble(first + 2, policy.backOffMultiplier());
        statement.setLong(first + 3, policy.maxRedeliveryDelayMillis());
        statement.setString(first + 4, policy.deadLetterQueue());
        if (policy.expiryQueue() == null) {
            statement.setNull(first + 5, Types.VARCHAR);
        } else {
            statement.setString(first + 5, policy.expiryQueue());
        }
    }

    @Override
    public void deletePolicy(String destination) {
        inTransaction("forget the policy of " + destination, c -> deleteByName(c, "cairn_delivery_policy", destination));
    }

    /** The destination's policy and memory limit: what is kept under its name. */
    private static void deleteSettingsOf(Connection c, String destination) throws SQLException {
        deleteByName(c, "cairn_delivery_policy", destination);
        deleteByName(c, "cairn_memory_limit", destination);
    }

    private static void deleteByName(Connection c, String table, String destination) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from " + table + " where destination = ?")) {
            delete.setString(1, destination);
            delete.executeUpdate();
        }
    }

    @Override
    public void saveMemoryLimit(StoredMemoryLimit limit) {
        replaceRow("record the memory limit of " + limit.destination(),
                c -> writeMemoryLimit(c, "update cairn_memory_limit set limit_bytes = ?, overflow_policy = ? "
                        + "where destination = ?", limit),
                c -> writeMemoryLimit(c, "insert into cairn_memory_limit (limit_bytes, overflow_policy, destination) "
                        + "values (?, ?, ?)", limit));
    }

    /** Runs an update or insert whose parameters are the limit, the policy and the destination, in that order. */
    private static int writeMemoryLimit(Connection c, String sql, StoredMemoryLimit limit) throws SQLException {
        try (PreparedStatement write = c.prepareStatement(sql)) {
            write.setLong(1, limit.limitBytes());
            write.setString(2, limit.overflowPolicy());
            write.setString(3, limit.destination());
            return write.executeUpdate();
        }
    }

    @Override
    public void deleteMemoryLimit(String destination) {
        inTransaction("forget the memory limit of " + destination, c -> deleteByName(c, "cairn_memory_limit", destination));
    }

    @Override
    public DestinationSettings loadSettings() {
        List<StoredDestination> destinations = new ArrayList<>();
        List<StoredPolicy> policies = new ArrayList<>();
        List<StoredMemoryLimit> memoryLimits = new ArrayList<>();
        inTransaction("read the destination settings", c -> {
            try (PreparedStatement select = c.prepareStatement("select kind, name from cairn_destination order by name, kind");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    destinations.add(new StoredDestination("TOPIC".equals(rows.getString(1)), rows.getString(2)));
                }
            }
            try (PreparedStatement select = c.prepareStatement("select destination, " + POLICY_COLUMNS
                    + " from cairn_delivery_policy order by destination");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    policies.add(new StoredPolicy(rows.getString(1), rows.getInt(2), rows.getLong(3), rows.getDouble(4),
                            rows.getLong(5), rows.getString(6), rows.getString(7)));
                }
            }
            try (PreparedStatement select = c.prepareStatement("select destination, limit_bytes, overflow_policy "
                    + "from cairn_memory_limit order by destination");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    memoryLimits.add(new StoredMemoryLimit(rows.getString(1), rows.getLong(2), rows.getString(3)));
                }
            }
        });
        return new DestinationSettings(destinations, policies, memoryLimits);
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** One statement; returns its row count. */
    private interface Statement {
        int run(Connection connection) throws SQLException;
    }

    private void inTransaction(String what, Work work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
