package org.cairnmq.store.jpa;

import org.cairnmq.store.MessageStore;
import org.cairnmq.store.MessageStoreContractTest;
import org.cairnmq.testing.PooledJpaStore;
import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** The store contract on PostgreSQL: a new database of the test cluster for each test. */
@PostgresTest
class PostgresMessageStoreTest extends MessageStoreContractTest {
    private String jdbcUrl;

    @Override
    protected MessageStore openStore() {
        if (jdbcUrl == null) {
            jdbcUrl = PostgresExtension.cluster().createDatabase();
        }
        return PooledJpaStore.open(jdbcUrl);
    }
}
