package org.cairnmq.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Collection;
import java.util.List;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredQueue;
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
        return open(jdbcUrl, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #open(String)}, the store reaching its pool through {@code wrap} (a {@link FaultyDataSource}, say). */
    public static PooledJpaStore open(String jdbcUrl, java.util.function.UnaryOperator<javax.sql.DataSource> wrap) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(10);
        config.setPoolName("cairn-test-store");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new PooledJpaStore(pool, JpaMessageStore.open(wrap.apply(pool)));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public java.util.Optional<org.cairnmq.store.DestinationSettingsStore> destinationSettings() {
        return store.destinationSettings();
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
    public void joinAsNode(String nodeName, long leaseMillis) {
        store.joinAsNode(nodeName, leaseMillis);
    }

    @Override
    public boolean renewLease(long leaseMillis, int consumers) {
        return store.renewLease(leaseMillis, consumers);
    }

    @Override
    public void leave() {
        store.leave();
    }

    @Override
    public List<StoredQueue> takeOverExpired() {
        return store.takeOverExpired();
    }

    @Override
    public List<org.cairnmq.store.StoredNode> nodes() {
        return store.nodes();
    }

    @Override
    public long countStored(StoredQueue queue) {
        return store.countStored(queue);
    }

    @Override
    public int otherNodes() {
        return store.otherNodes();
    }

    @Override
    public void release(java.util.Collection<Long> ids) {
        store.release(ids);
    }

    @Override
    public boolean shared() {
        return store.shared();
    }

    @Override
    public boolean listen(org.cairnmq.store.StoreChanges changes) {
        return store.listen(changes);
    }

    @Override
    public List<StoredMessage> claim(StoredQueue queue, int max, long now) {
        return store.claim(queue, max, now);
    }

    @Override
    public List<StoredMessage> peek(StoredQueue queue, int max, long now) {
        return store.peek(queue, max, now);
    }

    @Override
    public List<org.cairnmq.store.ScannedMessage> scan(StoredQueue queue, long afterId, int limit, long now) {
        return store.scan(queue, afterId, limit, now);
    }

    @Override
    public List<StoredMessage> claimFree(Collection<Long> ids) {
        return store.claimFree(ids);
    }

    @Override
    public List<StoredMessage> claimById(Collection<Long> ids) {
        return store.claimById(ids);
    }

    @Override
    public java.util.Set<Long> presentIds(Collection<Long> ids) {
        return store.presentIds(ids);
    }

    @Override
    public long countUnclaimed(StoredQueue queue) {
        return store.countUnclaimed(queue);
    }

    @Override
    public boolean hasUnclaimed(StoredQueue queue) {
        return store.hasUnclaimed(queue);
    }

    @Override
    public List<StoredQueue> queuesWithMessages() {
        return store.queuesWithMessages();
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
    public boolean isPrepared(StoredXid xid) {
        return store.isPrepared(xid);
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
