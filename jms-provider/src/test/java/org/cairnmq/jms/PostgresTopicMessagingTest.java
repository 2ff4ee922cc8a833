package org.cairnmq.jms;

import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** {@link TopicMessagingTest} with the store on PostgreSQL: a new database of the test cluster for each test. */
@PostgresTest
class PostgresTopicMessagingTest extends TopicMessagingTest {
    private String jdbcUrl;

    @Override
    String jdbcUrl() {
        if (jdbcUrl == null) {
            jdbcUrl = PostgresExtension.cluster().createDatabase();
        }
        return jdbcUrl;
    }
}
