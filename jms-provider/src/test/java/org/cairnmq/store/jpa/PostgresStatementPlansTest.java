package org.cairnmq.store.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.Consumer;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the store's statements are planned at each execution, never with a generic plan made once:
 * one made while the message table was empty reads the whole table for each delete once it has filled
 * (docs/store.md).
 */
@PostgresTest
class PostgresStatementPlansTest {
    private static final int POOL_SIZE = 2; // Flyway holds two while it migrates

    @Test
    void sendsAndAcknowledgementsOnAnEmptiedTableAreNeverRunWithAGenericPlan() throws Exception {
        try (HikariDataSource pool = pool(config -> { })) {
            JpaMessageStore store = JpaMessageStore.open(pool);
            assertTrue(store.setsCustomPlansEachTransaction(), "connections without the option need the SET");
            assertNoGenericPlanOfTheDelete(store, pool);
        }
    }

    @Test
    void connectionsThatStartWithTheModeAreNotSetAgainAndStillPlanEachExecution() throws Exception {
        try (HikariDataSource pool = pool(config -> config.addDataSourceProperty("options",
                JpaMessageStore.POSTGRESQL_CONNECTION_OPTIONS))) {
            JpaMessageStore store = JpaMessageStore.open(pool);
            assertFalse(store.setsCustomPlansEachTransaction(), "the connection option was not recognised");
            assertNoGenericPlanOfTheDelete(store, pool);
        }
    }

    @Test
    void aModeSetInTheSessionIsNotTakenForEveryConnection() {
        try (HikariDataSource pool = pool(config ->
                config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan"))) {
            JpaMessageStore store = JpaMessageStore.open(pool);
            assertTrue(store.setsCustomPlansEachTransaction());
            store.close();
        }
    }

    /** A pool on a new database, set up further by {@code setUp}. */
    private static HikariDataSource pool(Consumer<HikariConfig> setUp) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgresExtension.cluster().createDatabase());
        config.setMaximumPoolSize(POOL_SIZE);
        setUp.accept(config);
        return new HikariDataSource(config);
    }

    private static void assertNoGenericPlanOfTheDelete(JpaMessageStore store, HikariDataSource pool)
            throws Exception {
        // Each send and acknowledgement on the empty table, well past the driver's and the server's
        // thresholds for preparing and for choosing a generic plan (5 executions each).
        for (int i = 0; i < 20; i++) {
            long id = store.commit(new StoreBatch().insert(message(i)))[0];
            store.commit(new StoreBatch().delete(id));
        }
        long generic = 0;
        long custom = 0;
        // Every connection of the pool at once, so that the one the transactions prepared on is among them.
        try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
            for (Connection connection : new Connection[] {first, second}) {
                try (Statement statement = connection.createStatement();
                     ResultSet plans = statement.executeQuery("SELECT generic_plans, custom_plans"
                             + " FROM pg_prepared_statements WHERE statement LIKE 'delete from cairn_message where id%'")) {
                    while (plans.next()) {
                        generic += plans.getLong("generic_plans");
                        custom += plans.getLong("custom_plans");
                    }
                }
            }
        }
        assertTrue(custom > 0, "the acknowledgement's delete was not prepared on the server");
        assertEquals(0, generic, "delete run with a generic plan");
        store.close();
    }

    private static StoredMessage message(int n) {
        StoredHeaders headers = new StoredHeaders("ID:plan-" + n, 0, null, null, null, 4, 0, 0);
        return new StoredMessage(0, "q", 0, headers, 0, null, 1, new byte[] {(byte) n});
    }
}
