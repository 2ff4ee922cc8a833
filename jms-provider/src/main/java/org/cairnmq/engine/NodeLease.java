package org.cairnmq.engine;

import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredQueue;

/**
 * This broker's membership of its store: it joins under its node name at start (taking over the claims of
 * the instance that last ran under that name), renews its lease every third of it, and leaves at close.
 * Each renewal also takes over the messages of instances sharing the store whose lease ran out.
 */
final class NodeLease {
    private static final Logger LOG = Logger.getLogger(NodeLease.class.getName());

    private final MessageStore store;
    private final DeliveryScheduler scheduler;
    private final LongSupplier now;
    private final String nodeName;
    private final long leaseMillis;
    private final Function<StoredQueue, QueueDestination> localQueue;

    /** @param localQueue the queue here that stored messages belong to; {@code null} if none */
    NodeLease(MessageStore store, DeliveryScheduler scheduler, LongSupplier now, String nodeName, long leaseMillis,
            Function<StoredQueue, QueueDestination> localQueue) {
        this.store = store;
        this.scheduler = scheduler;
        this.now = now;
        this.nodeName = nodeName;
        this.leaseMillis = leaseMillis;
        this.localQueue = localQueue;
    }

    void join() {
        store.joinAsNode(nodeName, now.getAsLong() + leaseMillis);
    }

    /** Renews the lease and takes over what expired instances held; then again after a third of the lease. */
    void keep() {
        try {
            store.renewLease(now.getAsLong() + leaseMillis);
            for (StoredQueue orphaned : store.takeOverExpired(now.getAsLong())) {
                QueueDestination queue = localQueue.apply(orphaned);
                if (queue != null) {
                    queue.pagedFromStore(store.countUnclaimed(orphaned));
                    queue.loadIfLow();
                }
            }
        } catch (StoreException e) {
            LOG.warning("Could not renew this broker's lease or take over expired ones: " + e.getMessage());
        }
        scheduler.at(now.getAsLong() + leaseMillis / 3, this::keep);
    }

    /** Gives up this instance's claims: another instance sharing the store may take its messages at once. */
    void leave() {
        try {
            store.leave();
        } catch (StoreException e) {
            LOG.warning("Could not give up this broker's claims; they end with its lease: " + e.getMessage());
        }
    }
}
