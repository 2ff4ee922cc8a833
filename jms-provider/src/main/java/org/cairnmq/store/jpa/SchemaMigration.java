package org.cairnmq.store.jpa;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the store's schema to the current version with Flyway, from the versioned scripts under
 * {@code org/cairnmq/store/migration/<database>/}.
 */
final class SchemaMigration {
    static final String HISTORY_TABLE = "cairn_schema_history";

    private SchemaMigration() {
    }

    /** Applies the scripts of {@code dialect}'s folder that the database has not had yet. */
    static void migrate(DataSource dataSource, StoreDialect dialect) {
        ClassLoader loader = SchemaMigration.class.getClassLoader();
        Flyway.configure(loader)
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .resourceProvider(new MigrationScripts(loader, dialect.scriptsFolder()))
                .failOnMissingLocations(false)
                .load()
                .migrate();
    }
}
