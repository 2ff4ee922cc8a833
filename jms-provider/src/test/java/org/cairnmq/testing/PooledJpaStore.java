package org.cairnmq.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredSubscription;
import org.cairnmq.store.PreparedTransaction;
import org.cairnmq.store.PreparedTransactionStore;
import org.cairnmq.store.StoredXid;
import org.cairnmq.store.jpa.JpaMessageStore;

/** A {@link JpaMessageStore} with a connection pool of its own, closed with the store. */
public final class PooledJpaStore implements MessageStore, PreparedTransactionStore {
    private final HikariDataSource pool;
    private final JpaMessageStore store;

    private PooledJpaStore(HikariDataSource pool, JpaMessageStore store) {
        this.pool = pool;
        this.store = store;
    }

    public static PooledJpaStore open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(10);
        config.setPoolName("cairn-test-store");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new PooledJpaStore(pool, JpaMessageStore.open(pool));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public long[] commit(StoreBatch batch) {
        return store.commit(batch);
    }

    @Override
    public List<StoredMessage> loadAll() {
        return store.loadAll();
    }

    @Override
    public long saveSubscription(StoredSubscription subscription) {
        return store.saveSubscription(subscription);
    }

    @Override
    public void deleteSubscription(long subscriptionId) {
        store.deleteSubscription(subscriptionId);
    }

    @Override
    public List<StoredSubscription> loadSubscriptions() {
        return store.loadSubscriptions();
    }

    @Override
    public long[] prepare(StoredXid xid, StoreBatch work) {
        return store.prepare(xid, work);
    }

    @Override
    public void commitPrepared(StoredXid xid) {
        store.commitPrepared(xid);
    }

    @Override
    public void rollbackPrepared(StoredXid xid) {
        store.rollbackPrepared(xid);
    }

    @Override
    public List<PreparedTransaction> loadPrepared() {
        return store.loadPrepared();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            pool.close();
        }
    }
}
