package org.cairnmq.failures;

import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** The store's failures on PostgreSQL. */
@PostgresTest
class PostgresStoreFailureTest extends StoreFailureTest {
    @Override
    protected String newDatabase() {
        return PostgresExtension.cluster().createDatabase();
    }
}
