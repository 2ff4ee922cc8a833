package org.cairnmq.embedded;

import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** The crash test on PostgreSQL: the broker process is killed, the database server goes on. */
@PostgresTest
class PostgresBrokerCrashTest extends BrokerCrashTest {
    @Override
    protected String newDatabase(int round) {
        return PostgresExtension.cluster().createDatabase();
    }

    @Override
    protected String databaseName() {
        return "postgresql";
    }
}
