package org.cairnmq.jms;

import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** {@link DeepQueueTest} with the store on PostgreSQL. */
@PostgresTest
class PostgresDeepQueueTest extends DeepQueueTest {
    @Override
    String jdbcUrl() {
        return PostgresExtension.cluster().createDatabase();
    }
}
