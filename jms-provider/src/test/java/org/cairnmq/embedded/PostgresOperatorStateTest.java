package org.cairnmq.embedded;

import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** {@link OperatorStateTest} on PostgreSQL: restarts and several brokers over one database. */
@PostgresTest
class PostgresOperatorStateTest extends OperatorStateTest {
    @Override
    protected String newDatabase() {
        return PostgresExtension.cluster().createDatabase();
    }
}
