package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.cairnmq.store.StoreException;

/**
 * PostgreSQL's {@code plan_cache_mode = force_custom_plan} for the store's connections: each execution of
 * a prepared statement is planned with its parameters and the table's size at that moment (docs/store.md,
 * "Plans of the store's statements on PostgreSQL"). Otherwise PostgreSQL switches a prepared statement to
 * one plan for all parameters (a generic plan) after five executions, made with the table's size at that
 * moment; the message table swings between empty (autovacuum truncates it once a backlog is consumed) and
 * hundreds of thousands of rows, and a plan made while it was empty reads the whole table for each
 * acknowledgement's delete, 52 ms a delete at 200,000 rows, for the life of the driver's statement.
 *
 * <p>Best set once per connection, by the connection itself ({@link #CONNECTION_OPTIONS} as the driver's
 * {@code options}) or by {@code ALTER ROLE … SET}. Where it is not, the store sets it at the start of each
 * of its transactions, one more round trip each: a setting made by {@code SET} cannot be told apart from
 * one the store made on a pooled connection earlier, so only settings every new connection gets count.
 */
final class CustomPlans {
    /** The driver's {@code options} connection property that sets the mode for the connection's life. */
    static final String CONNECTION_OPTIONS = "-c plan_cache_mode=force_custom_plan";
    private static final String SET = "SET plan_cache_mode = force_custom_plan";
    private static final Logger LOG = Logger.getLogger(CustomPlans.class.getName());

    private CustomPlans() {
    }

    /**
     * Whether every connection the data source opens has the mode from its start: set by the connection's
     * options, the role, the database or the server's configuration, not by a {@code SET} in its session.
     */
    static boolean setByEveryConnection(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery(
                     "SELECT setting, source FROM pg_settings WHERE name = 'plan_cache_mode'")) {
            boolean everyConnection = setting.next() && "force_custom_plan".equals(setting.getString(1))
                    && !"session".equals(setting.getString(2));
            if (!everyConnection) {
                LOG.info("CAIRN-STORE-001 PostgreSQL connections do not start with plan_cache_mode = "
                        + "force_custom_plan; the store sets it in each transaction, one more round trip each. "
                        + "Add options=" + CONNECTION_OPTIONS.replace(" ", "%20").replace("=", "%3D")
                        + " to the JDBC URL, or ALTER ROLE <user> SET plan_cache_mode = force_custom_plan");
            }
            return everyConnection;
        } catch (SQLException e) {
            throw new StoreException("Could not read PostgreSQL's plan_cache_mode: " + e.getMessage(), e);
        }
    }

    /** Sets the mode for the rest of this connection's session. */
    static void setForSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(SET);
        }
    }
}
