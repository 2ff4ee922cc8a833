package org.cairnmq.jms;

import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** {@link SharedStoreClaimTest} with both nodes on one PostgreSQL database. */
@PostgresTest
class PostgresSharedStoreClaimTest extends SharedStoreClaimTest {
    @Override
    String jdbcUrl() {
        return PostgresExtension.cluster().createDatabase();
    }
}
