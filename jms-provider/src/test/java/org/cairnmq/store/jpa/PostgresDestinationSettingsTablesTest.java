package org.cairnmq.store.jpa;

import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** {@link DestinationSettingsTablesTest} on PostgreSQL, where a failed insert aborts its transaction. */
@PostgresTest
class PostgresDestinationSettingsTablesTest extends DestinationSettingsTablesTest {
    @Override
    protected String newDatabase() {
        return PostgresExtension.cluster().createDatabase();
    }
}
