package org.cairnmq.jms;

import org.cairnmq.testing.PostgresExtension;
import org.cairnmq.testing.PostgresTest;

/** The XA failure paths on PostgreSQL. */
@PostgresTest
class PostgresXaFailurePathTest extends XaFailurePathTest {
    @Override
    protected String newDatabase() {
        return PostgresExtension.cluster().createDatabase();
    }
}
