package org.cairnmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoredMessage;

/**
 * The one way sends and acknowledgements become durable: routed ({@link Work}: where each copy goes, what
 * the store writes and deletes, the memory each copy holds), committed through the group commit, then
 * applied in memory. A write that fails leaves its sends in doubt with {@link StoreRecovery}, which delivers
 * those that did commit once the store answers.
 */
final class WritePath {
    private final GroupCommit writes;
    private final StoreRecovery recovery;
    private final MemoryBudget memory;
    private final DeliveryScheduler scheduler;
    private final LongSupplier now;
    private final Function<OutgoingMessage, List<QueueDestination>> targets;
    private final AtomicLong arrivalSequence;
    private final java.util.function.IntSupplier epoch;

    /**
     * @param targets         the queues a send goes to (a topic's subscriptions; none for a deleted temporary)
     * @param arrivalSequence the broker's order of arrival, shared with messages loaded from the store
     * @param epoch           the lease epoch rows written claimed are held under ({@link NodeLease#epoch})
     */
    WritePath(GroupCommit writes, StoreRecovery recovery, MemoryBudget memory, DeliveryScheduler scheduler,
            LongSupplier now, Function<OutgoingMessage, List<QueueDestination>> targets, AtomicLong arrivalSequence,
            java.util.function.IntSupplier epoch) {
        this.epoch = epoch;
        this.writes = writes;
        this.recovery = recovery;
        this.memory = memory;
        this.scheduler = scheduler;
        this.now = now;
        this.targets = targets;
        this.arrivalSequence = arrivalSequence;
    }

    /**
     * Makes sends and acknowledgements durable in one store transaction, then applies them in memory:
     * sent messages become deliverable, acknowledged ones are gone.
     */
    void complete(List<OutgoingMessage> sends, List<QueuedMessage> acknowledged) {
        write(sends, acknowledged);
        acknowledged.forEach(m -> m.queue.statistics.acknowledged.incrementAndGet());
    }

    /**
     * As {@link #complete}, for the broker's own removals (expiry, dead-lettering, management). When the
     * store fails, the sends whose outcome is in doubt are looked for once it answers again
     * ({@link InDoubtWrites}), and the failure is thrown.
     */
    void write(List<OutgoingMessage> sends, List<QueuedMessage> removed) {
        Work work = route(sends, removed, true, false);
        try {
            commit(work);
        } catch (RuntimeException e) {
            rememberInDoubt(work);
            throw e;
        }
    }

    /** Commits routed work, then makes its arrivals deliverable. The same work may be committed again after a failure. */
    void commit(Work work) {
        long[] ids;
        work.holdMemoryAgain();
        try {
            ids = work.batch.isEmpty() ? new long[0] : recovery.call(() -> writes.commit(work.batch));
        } catch (RuntimeException e) {
            work.abandon();
            throw e;
        }
        applyCommitted(work, ids);
    }

    /**
     * Work whose commit failed, perhaps after the database had committed it (the answer lost): asks the
     * store which. Committed work is applied in memory as {@link #commit} applies it: its sends become
     * deliverable, once. Work that did not commit stays abandoned; unlike a failed {@link #write}, its
     * sends are not left to {@link InDoubtWrites}, so they never arrive later.
     *
     * @return whether the store had committed the work
     * @throws BrokerException when the store cannot answer; nothing changed, and it can be asked again
     */
    boolean settle(Work work) {
        if (!recovery.committed(work.batch)) {
            return false;
        }
        work.holdMemoryAgain();
        applyCommitted(work, work.batch.ids());
        return true;
    }

    private void applyCommitted(Work work, long[] ids) {
        work.removed.forEach(QueuedMessage::releaseMemory);
        arrivals(work, ids).forEach(this::makeDeliverable);
    }

    /** The inserts of failed work that reached the store: they may have committed. */
    private void rememberInDoubt(Work work) {
        long[] ids = work.batch.ids();
        if (ids == null || ids.length == 0) {
            return; // never reached the store, or nothing inserted: nothing to look for
        }
        List<QueueDestination> claimed = new ArrayList<>();
        List<Long> claimedIds = new ArrayList<>();
        List<QueueDestination> unclaimed = new ArrayList<>();
        List<Long> unclaimedIds = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < work.targets.size(); i++) {
            QueueDestination target = work.targets.get(i);
            if (work.stored.get(i)) {
                boolean isClaimed = work.batch.isClaimed(next);
                (isClaimed ? claimed : unclaimed).add(target);
                (isClaimed ? claimedIds : unclaimedIds).add(ids[next++]);
            }
        }
        recovery.inDoubt(claimedIds, claimed, unclaimedIds, unclaimed);
    }

    /** A transaction's writes, routed: what the store must write, and where each sent copy goes. */
    static final class Work {
        final StoreBatch batch = new StoreBatch();
        final List<QueueDestination> targets = new ArrayList<>();
        final List<BrokerMessage> messages = new ArrayList<>();
        // Indexes of targets that keep the message in the store only (the queue is paged).
        final java.util.BitSet storedOnly = new java.util.BitSet();
        // Indexes of targets whose copy the store keeps, decided once (see QueueDestination#stores).
        final java.util.BitSet stored = new java.util.BitSet();
        final List<QueuedMessage> removed = new ArrayList<>();
        // The memory each target's copy holds (null: not counted), from admission until the copy leaves.
        MemoryCharge[] charges = new MemoryCharge[0];

        /** The store did not commit: the paged queues stop waiting for these sends, their memory is free. */
        void abandon() {
            storedOnly.stream().forEach(i -> targets.get(i).storedOnlyAbandoned());
            releaseMemory();
        }

        /** The sends will not arrive (a failed write or prepare, a rolled-back branch). */
        void releaseMemory() {
            for (MemoryCharge charge : charges) {
                if (charge != null) {
                    charge.release();
                }
            }
        }

        /** Work written again after a failure holds its memory again. */
        void holdMemoryAgain() {
            for (MemoryCharge charge : charges) {
                if (charge != null) {
                    charge.holdAgain();
                }
            }
        }
    }

    /**
     * Decides where each send goes (topics fan out) and what the store must write and delete, then admits
     * the copies that cannot page against the memory limits (see {@link MemoryBudget}), waiting or failing
     * as the destinations' policies say.
     *
     * @param mayPage whether sends to a paged queue may stay in the store only; not for XA branches, whose
     *                prepared sends are delivered from memory once they commit
     * @param forced  for the broker's own moves, which must land whatever the limits
     */
    Work route(List<OutgoingMessage> sends, List<QueuedMessage> acknowledged, boolean mayPage,
            boolean forced) {
        return route(sends, acknowledged, mayPage, forced, targets);
    }

    /** As {@link #route(List, List, boolean, boolean)}, to the queues {@code targets} gives each send. */
    Work route(List<OutgoingMessage> sends, List<QueuedMessage> acknowledged, boolean mayPage,
            boolean forced, Function<OutgoingMessage, List<QueueDestination>> targets) {
        Work work = new Work();
        List<MemoryCharge> delayedCharges = new ArrayList<>();
        for (OutgoingMessage send : sends) {
            for (QueueDestination target : targets.apply(send)) {
                MemoryCharge delayed = null;
                if (target.stores(send.message())) {
                    work.stored.set(work.targets.size());
                    StoredMessage stored = StoredForm.toStored(target.name(), target.subscriptionId(), send.message());
                    // A delayed message waits on the timer with its body: it counts, and pages when there is no room.
                    boolean isDelayed = mayPage && send.message().headers().deliveryTime() > now.getAsLong();
                    delayed = isDelayed ? memory.tryAdmit(target, MessageSize.of(send.message())) : null;
                    if (mayPage && !target.keepsInMemory(isDelayed && delayed == null)) {
                        if (delayed != null) {
                            delayed.release();
                            delayed = null;
                        }
                        work.storedOnly.set(work.targets.size());
                        work.batch.insertUnclaimed(stored);
                    } else {
                        work.batch.insert(stored);
                    }
                }
                delayedCharges.add(delayed);
                work.targets.add(target);
                work.messages.add(send.message());
            }
        }
        for (QueuedMessage ack : acknowledged) {
            if (ack.persistent()) {
                work.batch.delete(ack.storeId);
            }
        }
        work.removed.addAll(acknowledged);
        work.charges = delayedCharges.toArray(new MemoryCharge[0]);
        admit(work, forced, mayPage);
        return work;
    }

    /**
     * Charges the work's copies that cannot page, besides the delayed ones already charged; a refused work
     * is abandoned (its charges released) before anything is written.
     */
    private void admit(Work work, boolean forced, boolean mayPage) {
        long[] bytes = new long[work.targets.size()];
        for (int i = 0; i < bytes.length; i++) {
            BrokerMessage message = work.messages.get(i);
            boolean pages = work.stored.get(i)
                    && (mayPage || message.headers().deliveryTime() <= now.getAsLong()); // else it waits on the timer
            bytes[i] = pages || work.charges[i] != null ? 0 : MessageSize.of(message);
        }
        try {
            MemoryCharge[] admitted = memory.admit(work.targets, bytes, forced);
            for (int i = 0; i < admitted.length; i++) {
                if (admitted[i] != null) {
                    work.charges[i] = admitted[i];
                }
            }
        } catch (BrokerException e) {
            work.abandon();
            throw e;
        }
    }

    /** The queued messages the routed sends become, given the ids the store assigned. */
    List<QueuedMessage> arrivals(Work work, long[] ids) {
        int next = 0;
        List<QueuedMessage> arrived = new ArrayList<>(work.targets.size());
        for (int i = 0; i < work.targets.size(); i++) {
            QueueDestination target = work.targets.get(i);
            BrokerMessage message = work.messages.get(i);
            long storeId = work.stored.get(i) ? ids[next++] : 0;
            target.statistics.enqueued.incrementAndGet();
            if (work.storedOnly.get(i)) {
                target.storedOnlyArrived();
                continue;
            }
            arrived.add(new QueuedMessage(arrivalSequence.incrementAndGet(), storeId, target, message, 1,
                    work.charges[i], storeId == 0 ? 0 : epoch.getAsInt()));
        }
        return arrived;
    }

    /** Makes committed arrivals deliverable: now, or at their delivery time. */
    void deliverAll(List<QueuedMessage> arrived) {
        arrived.forEach(this::makeDeliverable);
    }

    /** Into its queue now, or at its delivery time. */
    void makeDeliverable(QueuedMessage message) {
        long deliveryTime = message.message().headers().deliveryTime();
        if (deliveryTime > now.getAsLong()) {
            enqueueAt(deliveryTime, message);
        } else {
            message.queue.enqueue(message);
        }
    }

    void enqueueAt(long time, QueuedMessage message) {
        QueueStatistics statistics = message.queue.statistics;
        statistics.scheduled.incrementAndGet();
        scheduler.at(time, () -> {
            statistics.scheduled.decrementAndGet();
            message.queue.enqueue(message);
        });
    }
}
