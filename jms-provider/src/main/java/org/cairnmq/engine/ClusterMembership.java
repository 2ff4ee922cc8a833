package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreChanges;
import org.cairnmq.store.StoredQueue;

/**
 * This broker as one node among others on a shared store (docs/cluster.md): what it does when its lease
 * changes hands ({@link NodeLease.Holder}), when other nodes come or all go, and when they commit
 * ({@link StoreChanges}).
 */
final class ClusterMembership implements NodeLease.Holder, StoreChanges {
    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

    private final MessageStore store;
    private final PageLoader pager;
    private final StoreRecovery recovery;
    private final Supplier<List<QueueDestination>> durableQueues;
    private final Function<StoredQueue, QueueDestination> localQueue;
    private final Function<StoredQueue, QueueDestination> existingLocalQueue;
    private final Executor background;
    private final Runnable refreshSubscriptions;
    private final Runnable pruneDeparted;
    private volatile int othersBefore; // on the lease's renewal thread, or a subscription refresh

    /**
     * @param durableQueues        every queue here whose persistent messages the store keeps
     * @param localQueue           the queue here of stored messages, made if need be; null if none can be
     * @param existingLocalQueue   the same, only if it is here already
     * @param refreshSubscriptions takes in the durable subscriptions as the store has them, on {@code background}
     * @param pruneDeparted        deletes what departed nodes left for themselves (their topic relays), on
     *                             {@code background}
     */
    ClusterMembership(MessageStore store, PageLoader pager, StoreRecovery recovery,
            Supplier<List<QueueDestination>> durableQueues, Function<StoredQueue, QueueDestination> localQueue,
            Function<StoredQueue, QueueDestination> existingLocalQueue, Executor background,
            Runnable refreshSubscriptions, Runnable pruneDeparted) {
        this.pruneDeparted = pruneDeparted;
        this.store = store;
        this.pager = pager;
        this.recovery = recovery;
        this.durableQueues = durableQueues;
        this.localQueue = localQueue;
        this.existingLocalQueue = existingLocalQueue;
        this.background = background;
        this.refreshSubscriptions = refreshSubscriptions;
    }

    @Override
    public void orphaned(List<StoredQueue> queues) {
        background.execute(pruneDeparted);
        for (StoredQueue orphaned : queues) {
            QueueDestination queue = localQueue.apply(orphaned);
            if (queue != null) {
                queue.pagedFromStore(store.countUnclaimed(orphaned));
                queue.loadIfLow();
            }
        }
    }

    @Override
    public void claimsVoided() {
        pager.voidClaims(() -> durableQueues.get().forEach(QueueDestination::dropVoidedClaims));
    }

    @Override
    public void claimsHeldAgain() {
        durableQueues.get().forEach(QueueDestination::handOutKeptBack);
        background.execute(refreshSubscriptions); // this node's topic relays may have been deleted meanwhile
    }

    @Override
    public void otherNodes(int others) {
        if (!store.shared()) {
            return;
        }
        if (others < othersBefore) {
            background.execute(pruneDeparted);
        }
        othersBefore = others;
        if ((others > 0) != pager.clustered()) {
            pager.betweenLoads(() -> clusteredNow(others > 0));
        } else if (others > 0 && durableQueues.get().stream().anyMatch(QueueDestination::holdsForNoConsumer)) {
            // A send that chose memory just before the others came and was enqueued after the hand-back, or a
            // hand-back that failed: no consumer here takes these, so they go to the store for any node.
            pager.betweenLoads(() -> handBack(QueueDestination::handToStoreIfNoConsumer));
        }
    }

    @Override
    public void messagesArrived(Set<StoredQueue> queues) {
        if (queues == null) {
            durableQueues.get().forEach(pager::arrived);
            return;
        }
        for (StoredQueue stored : queues) {
            QueueDestination queue = existingLocalQueue.apply(stored);
            if (queue != null) {
                pager.arrived(queue);
            }
        }
    }

    @Override
    public void subscriptionsChanged() {
        background.execute(refreshSubscriptions);
    }

    /**
     * Other nodes came (the stored messages waiting in memory go to the store, for any node) or all went
     * (what is sent here is kept in memory again). On the loader thread.
     */
    private void clusteredNow(boolean others) {
        pager.clustered(others);
        LOG.info(others
                ? "CAIRN-ENGINE-044 Other nodes share the store: messages go to whichever node's consumers ask first"
                : "CAIRN-ENGINE-045 No other node is live on the store: this node keeps what is sent here in memory");
        if (!others) {
            return;
        }
        handBack(QueueDestination::handToStore);
        // The other nodes may have written messages already, and told of them while this node paged
        // nothing (or before its queue was made here): consumers waiting here look now, and poll from then on.
        durableQueues.get().forEach(QueueDestination::loadIfLow);
    }

    /** Gives up in the store the claims of what {@code take} takes out of each queue's memory; on the loader thread. */
    private void handBack(Function<QueueDestination, List<QueuedMessage>> take) {
        for (QueueDestination queue : durableQueues.get()) {
            List<QueuedMessage> handed = take.apply(queue);
            if (handed.isEmpty()) {
                continue;
            }
            try {
                recovery.call(() -> {
                    store.release(handed.stream().map(m -> m.storeId).toList());
                    return null;
                });
                handed.forEach(QueuedMessage::releaseMemory);
            } catch (BrokerException e) { // still held: delivered here, or handed back later if no consumer here
                handed.forEach(queue::enqueue);
            }
        }
    }

    /** This node stops: the stored messages waiting here, undelivered, go to the other nodes. */
    void giveUpUndelivered() {
        if (!pager.clustered()) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        for (QueueDestination queue : durableQueues.get()) {
            queue.handToStore().forEach(m -> ids.add(m.storeId));
        }
        try {
            store.release(ids);
        } catch (RuntimeException e) { // they come back with the lease's end, counted as delivered once
            LOG.warning("Could not hand this node's undelivered messages to the other nodes: " + e.getMessage());
        }
    }
}
