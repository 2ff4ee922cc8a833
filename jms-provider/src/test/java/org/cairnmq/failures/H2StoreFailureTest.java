package org.cairnmq.failures;

import java.util.concurrent.atomic.AtomicInteger;

/** The store's failures on an in-memory H2 database (kept for the restart that ends each test). */
class H2StoreFailureTest extends StoreFailureTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected String newDatabase() {
        return "jdbc:h2:mem:store-failure-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }
}
