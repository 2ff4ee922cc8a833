package org.cairnmq.store;

import java.util.List;

/**
 * Durable home of persistent messages. Knows nothing of the messaging API: the engine hands it plain
 * {@link StoredMessage} values.
 *
 * <p>Implementations are thread-safe. Every method blocks until the database has answered.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * Writes the whole batch in one database transaction and returns once it is committed.
     *
     * @return the ids given to {@link StoreBatch#inserts()}, in the same order
     * @throws StoreException if the transaction did not commit; then none of the batch was written
     */
    long[] commit(StoreBatch batch);

    /**
     * Every stored message, in the order they were first written. Used once at start-up to rebuild the
     * broker's in-memory queues.
     */
    List<StoredMessage> loadAll();

    /** Records a durable subscription and returns its id. */
    long saveSubscription(StoredSubscription subscription);

    /** Removes a durable subscription and every message kept for it, in one transaction. */
    void deleteSubscription(long subscriptionId);

    /** Every durable subscription, in the order they were created. */
    List<StoredSubscription> loadSubscriptions();

    /** Releases the store's resources. Messages already committed stay in the database. */
    @Override
    void close();
}
