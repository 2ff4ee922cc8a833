package org.cairnmq.store;

import java.util.Collection;
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
     * <p>Idempotent per batch: at the first attempt the store gives the inserts ids and records them in the
     * batch ({@link StoreBatch#assignIds}); a later attempt with the same batch writes the same ids and
     * skips the rows that exist, so that an attempt after an ambiguous failure stores nothing twice.
     *
     * @return the ids given to {@link StoreBatch#inserts()}, in the same order
     * @throws StoreException if the transaction failed. Usually none of the batch was written; when the
     *                        failure came with the commit itself, the database may have committed it: the
     *                        outcome is in doubt until the batch is written again or its rows are looked up
     */
    long[] commit(StoreBatch batch);

    /**
     * Every stored message, in the order they were first written. Used once at start-up to rebuild the
     * broker's in-memory queues.
     */
    List<StoredMessage> loadAll();

    /**
     * Registers the broker instance using this store under a node name, with a lease its claims hold by,
     * and ends the claims of earlier instances of the same node name (the same node before a restart or a
     * crash): their messages can be claimed again at once.
     *
     * @param leaseUntil epoch millis until which this instance's claims hold unless renewed
     */
    void joinAsNode(String nodeName, long leaseUntil);

    /** Extends this instance's lease. */
    void renewLease(long leaseUntil);

    /** Ends this instance's lease now: another instance may take over its messages at once. */
    void leave();

    /**
     * Takes over from instances whose lease has run out (they died, or left): their claims end and the
     * instances are forgotten.
     *
     * @return the queues that had messages those instances held; they can now be claimed
     */
    List<StoredQueue> takeOverExpired(long now);

    /**
     * Claims, for this instance, up to {@code max} messages of a queue that no instance holds (the claims of
     * instances whose lease ran out are cleared by {@link #takeOverExpired}), whose delivery time has come,
     * and that no prepared XA branch acknowledged; in delivery order (highest priority first, then oldest
     * first). Rows another transaction is claiming are skipped, not waited for.
     *
     * @param now epoch millis: messages due by then
     */
    List<StoredMessage> claim(StoredQueue queue, int max, long now);

    /** Reads, without claiming, the first {@code max} messages {@link #claim} would take (for browsers). */
    List<StoredMessage> peek(StoredQueue queue, int max, long now);

    /**
     * The messages of a queue with ids above {@code afterId}, in id order, whoever holds them (management
     * browsing and search); at most {@code limit}.
     */
    List<ScannedMessage> scan(StoredQueue queue, long afterId, int limit, long now);

    /** Claims those of the given messages that no live instance holds (management acting on them). */
    List<StoredMessage> claimFree(Collection<Long> ids);

    /**
     * Claims the given messages for this instance whatever holds them (start-up recovery of XA branches,
     * and reconciling writes whose outcome was in doubt); ids without a row are left out.
     */
    List<StoredMessage> claimById(Collection<Long> ids);

    /**
     * Which of the given messages have a row, whoever holds them: how the broker finds out whether a
     * {@link #commit} that failed had committed all the same (its inserts are there, the rows it deleted
     * are gone). One query per 500 ids; claims nothing.
     */
    java.util.Set<Long> presentIds(Collection<Long> ids);

    /** How many messages of a queue no instance holds, including those whose delivery time is ahead. */
    long countUnclaimed(StoredQueue queue);

    /** Whether a queue has a message no instance holds (due or not); cheaper than counting them. */
    boolean hasUnclaimed(StoredQueue queue);

    /** The queues and subscriptions that have messages in the store. */
    List<StoredQueue> queuesWithMessages();

    /** Records a durable subscription and returns its id. */
    long saveSubscription(StoredSubscription subscription);

    /** Removes a durable subscription and every message kept for it, in one transaction. */
    void deleteSubscription(long subscriptionId);

    /** Every durable subscription, in the order they were created. */
    List<StoredSubscription> loadSubscriptions();

    /**
     * Where the store keeps operators' destinations and policies; empty for a store that keeps none (they
     * then live in memory only).
     */
    default java.util.Optional<DestinationSettingsStore> destinationSettings() {
        return java.util.Optional.empty();
    }

    /** Releases the store's resources. Messages already committed stay in the database. */
    @Override
    void close();
}
