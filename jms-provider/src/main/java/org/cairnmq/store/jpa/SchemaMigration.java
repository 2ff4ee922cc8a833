package org.cairnmq.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.cairnmq.store.StoreException;
import org.flywaydb.core.Flyway;

/**
 * Brings the store's schema to the current version with Flyway, from the versioned scripts under
 * {@code org/cairnmq/store/migration/<database>/}.
 */
final class SchemaMigration {
    static final String HISTORY_TABLE = "cairn_schema_history";

    private SchemaMigration() {
    }

    /** @return the database's kind, which names its scripts' folder: {@code h2} or {@code postgresql} */
    static String migrate(DataSource dataSource) {
        String database = databaseFolder(dataSource);
        ClassLoader loader = SchemaMigration.class.getClassLoader();
        Flyway.configure(loader)
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .resourceProvider(new MigrationScripts(loader, database))
                .failOnMissingLocations(false)
                .load()
                .migrate();
        return database;
    }

    private static String databaseFolder(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return "h2";
            }
            if (product.contains("postgres")) {
                return "postgresql";
            }
            throw new StoreException("Unsupported database for the Cairn store: " + product, null);
        } catch (SQLException e) {
            throw new StoreException("Cannot reach the store's database: " + e.getMessage(), e);
        }
    }
}
