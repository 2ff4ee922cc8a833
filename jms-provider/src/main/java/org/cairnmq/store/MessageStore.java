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
     * crash): their messages can be claimed again at once. Lease times are the database's clock, so that
     * instances on machines whose clocks differ agree on them. Joining again (after {@link #renewLease}
     * found the lease lost) registers a new instance: claims made before are void.
     *
     * @param leaseMillis how long this instance's claims hold unless renewed
     * @throws StoreException also when the store holds one node only ({@link #shared} is false) and
     *                        another node with a live lease is registered: nothing was registered
     */
    void joinAsNode(String nodeName, long leaseMillis);

    /**
     * Extends this instance's lease to {@code leaseMillis} from now, and records how many consumers it
     * has (what operators see of every node; {@code -1} leaves the count as it was). Runs on a connection of its own, so that a store busy with
     * other work does not delay it.
     *
     * @return {@code false} when this instance is no longer registered: another instance took over its
     *         claims (its lease had run out). It must stop dispatching what it holds and join again.
     */
    boolean renewLease(long leaseMillis, int consumers);

    /** Ends this instance's lease now: another instance may take over its messages at once. */
    void leave();

    /**
     * Takes over from instances whose lease has run out by the database's clock (they died, or left):
     * their claims end and the instances are forgotten.
     *
     * @return the queues that had messages those instances held; they can now be claimed
     */
    List<StoredQueue> takeOverExpired();

    /**
     * How many other instances hold a live lease now (by the database's clock): while none does, a node
     * of a {@link #shared} store may keep what it sends in memory, as a store of its own.
     */
    default int otherNodes() {
        return 0;
    }

    /**
     * Gives up this instance's claims on the given messages, so that any node may claim them (a node that
     * kept messages in memory while it ran alone, now that another node joined). Only rows this instance
     * holds change.
     */
    default void release(Collection<Long> ids) {
    }

    /** The broker instances registered in this store, this one included, by node name. */
    default List<StoredNode> nodes() {
        return List.of();
    }

    /**
     * Whether several broker processes may share this store as nodes of one broker (PostgreSQL). Each
     * then sees the others' sends only through the store: sends are written for any node to claim, and
     * acknowledgements are checked against the claims. {@code false} for a store one node has to itself.
     */
    default boolean shared() {
        return false;
    }

    /**
     * Tells {@code changes} what other instances commit, from now until the store closes (for a
     * {@link #shared} store that can be told).
     *
     * @return {@code false} when this store cannot tell: other instances' commits are seen only by looking
     */
    default boolean listen(StoreChanges changes) {
        return false;
    }

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

    /**
     * How many messages of a queue the store holds, whoever holds them and whether delivered or not (not
     * those of prepared XA branches): the messages not yet acknowledged, the same for every node.
     */
    default long countStored(StoredQueue queue) {
        return countUnclaimed(queue);
    }

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
