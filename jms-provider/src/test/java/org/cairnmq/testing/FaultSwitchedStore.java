package org.cairnmq.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.PreparedTransaction;
import org.cairnmq.store.PreparedTransactionStore;
import org.cairnmq.store.ScannedMessage;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredQueue;
import org.cairnmq.store.StoredSubscription;
import org.cairnmq.store.StoredXid;

/**
 * A store around another that a test switches to fail: the next calls of an operation fail before they
 * reach the real store (nothing written), or after it (written, yet the caller sees a failure: the
 * ambiguous case of a commit whose answer was lost), or the next call waits until the test releases it.
 * Failures are {@link StoreException}s, as the real store throws. Closing it closes the real store.
 */
public final class FaultSwitchedStore implements MessageStore, PreparedTransactionStore {
    /** The operations a fault can be set on: one per method of the two store interfaces. */
    public enum Operation {
        COMMIT, LOAD_ALL, JOIN_AS_NODE, RENEW_LEASE, LEAVE, TAKE_OVER_EXPIRED, CLAIM, PEEK, SCAN, CLAIM_FREE,
        CLAIM_BY_ID, PRESENT_IDS, COUNT_UNCLAIMED, HAS_UNCLAIMED, QUEUES_WITH_MESSAGES, SAVE_SUBSCRIPTION,
        DELETE_SUBSCRIPTION, LOAD_SUBSCRIPTIONS, PREPARE, COMMIT_PREPARED, ROLLBACK_PREPARED, IS_PREPARED,
        LOAD_PREPARED, NODES
    }

    /** How long a blocked call waits for its release before it fails, so that a broken test cannot hang. */
    private static final long BLOCK_LIMIT_SECONDS = 60;

    private final MessageStore messages;
    private final PreparedTransactionStore prepared;
    private final Map<Operation, AtomicInteger> failBefore = new ConcurrentHashMap<>();
    private final Map<Operation, AtomicInteger> failAfter = new ConcurrentHashMap<>();
    private final Map<Operation, Gate> gates = new ConcurrentHashMap<>();
    private final Map<Operation, AtomicInteger> completed = new ConcurrentHashMap<>();

    /** @param store a store that keeps XA branches too, such as {@link PooledJpaStore} */
    public <S extends MessageStore & PreparedTransactionStore> FaultSwitchedStore(S store) {
        this.messages = store;
        this.prepared = store;
    }

    /** The next {@code times} calls of the operation fail without reaching the real store. */
    public FaultSwitchedStore failBefore(Operation operation, int times) {
        failBefore.computeIfAbsent(operation, o -> new AtomicInteger()).addAndGet(times);
        return this;
    }

    /** The next {@code times} calls of the operation are done by the real store, then fail all the same. */
    public FaultSwitchedStore failAfter(Operation operation, int times) {
        failAfter.computeIfAbsent(operation, o -> new AtomicInteger()).addAndGet(times);
        return this;
    }

    /** The next call of the operation waits, before it reaches the real store, until the gate is released. */
    public Gate blockNext(Operation operation) {
        Gate gate = new Gate(operation);
        if (gates.putIfAbsent(operation, gate) != null) {
            throw new IllegalStateException("A call of " + operation + " is blocked already");
        }
        return gate;
    }

    /** How many calls of the operation the real store has done (whether or not a failure was thrown after). */
    public int completedCalls(Operation operation) {
        AtomicInteger count = completed.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Takes away every fault not yet used, and releases blocked calls. */
    public void heal() {
        failBefore.clear();
        failAfter.clear();
        gates.values().forEach(Gate::release);
        gates.clear();
    }

    /** Holds one call of an operation until {@link #release}. */
    public static final class Gate {
        private final Operation operation;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Gate(Operation operation) {
            this.operation = operation;
        }

        /** Waits, at most the timeout, until a call is held; {@code false} if none came. */
        public boolean awaitHeld(long timeout, TimeUnit unit) throws InterruptedException {
            return entered.await(timeout, unit);
        }

        public void release() {
            released.countDown();
        }

        private void hold() {
            entered.countDown();
            try {
                if (!released.await(BLOCK_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new StoreException("Blocked call of " + operation + " was never released", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("Blocked call of " + operation + " interrupted", e);
            }
        }
    }

    private <T> T call(Operation operation, Supplier<T> real) {
        Gate gate = gates.remove(operation);
        if (gate != null) {
            gate.hold();
        }
        if (take(failBefore, operation)) {
            throw new StoreException("Injected failure before " + operation, null);
        }
        T result = real.get();
        completed.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        if (take(failAfter, operation)) {
            throw new StoreException("Injected failure after " + operation + " was done", null);
        }
        return result;
    }

    private void run(Operation operation, Runnable real) {
        call(operation, () -> {
            real.run();
            return null;
        });
    }

    private static boolean take(Map<Operation, AtomicInteger> faults, Operation operation) {
        AtomicInteger left = faults.get(operation);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    @Override
    public long[] commit(StoreBatch batch) {
        return call(Operation.COMMIT, () -> messages.commit(batch));
    }

    @Override
    public List<StoredMessage> loadAll() {
        return call(Operation.LOAD_ALL, messages::loadAll);
    }

    @Override
    public void joinAsNode(String nodeName, long leaseMillis) {
        run(Operation.JOIN_AS_NODE, () -> messages.joinAsNode(nodeName, leaseMillis));
    }

    @Override
    public boolean renewLease(long leaseMillis, int consumers) {
        return call(Operation.RENEW_LEASE, () -> messages.renewLease(leaseMillis, consumers));
    }

    @Override
    public void leave() {
        run(Operation.LEAVE, messages::leave);
    }

    @Override
    public List<StoredQueue> takeOverExpired() {
        return call(Operation.TAKE_OVER_EXPIRED, messages::takeOverExpired);
    }

    @Override
    public List<org.cairnmq.store.StoredNode> nodes() {
        return call(Operation.NODES, messages::nodes);
    }

    @Override
    public long countStored(StoredQueue queue) {
        return messages.countStored(queue);
    }

    @Override
    public int otherNodes() {
        return messages.otherNodes();
    }

    @Override
    public void release(java.util.Collection<Long> ids) {
        messages.release(ids);
    }

    @Override
    public boolean shared() {
        return messages.shared();
    }

    @Override
    public boolean listen(org.cairnmq.store.StoreChanges changes) {
        return messages.listen(changes);
    }

    @Override
    public List<StoredMessage> claim(StoredQueue queue, int max, long now) {
        return call(Operation.CLAIM, () -> messages.claim(queue, max, now));
    }

    @Override
    public List<StoredMessage> peek(StoredQueue queue, int max, long now) {
        return call(Operation.PEEK, () -> messages.peek(queue, max, now));
    }

    @Override
    public List<ScannedMessage> scan(StoredQueue queue, long afterId, int limit, long now) {
        return call(Operation.SCAN, () -> messages.scan(queue, afterId, limit, now));
    }

    @Override
    public List<StoredMessage> claimFree(Collection<Long> ids) {
        return call(Operation.CLAIM_FREE, () -> messages.claimFree(ids));
    }

    @Override
    public List<StoredMessage> claimById(Collection<Long> ids) {
        return call(Operation.CLAIM_BY_ID, () -> messages.claimById(ids));
    }

    @Override
    public java.util.Set<Long> presentIds(Collection<Long> ids) {
        return call(Operation.PRESENT_IDS, () -> messages.presentIds(ids));
    }

    @Override
    public long countUnclaimed(StoredQueue queue) {
        return call(Operation.COUNT_UNCLAIMED, () -> messages.countUnclaimed(queue));
    }

    @Override
    public boolean hasUnclaimed(StoredQueue queue) {
        return call(Operation.HAS_UNCLAIMED, () -> messages.hasUnclaimed(queue));
    }

    @Override
    public List<StoredQueue> queuesWithMessages() {
        return call(Operation.QUEUES_WITH_MESSAGES, messages::queuesWithMessages);
    }

    @Override
    public long saveSubscription(StoredSubscription subscription) {
        return call(Operation.SAVE_SUBSCRIPTION, () -> messages.saveSubscription(subscription));
    }

    @Override
    public void deleteSubscription(long subscriptionId) {
        run(Operation.DELETE_SUBSCRIPTION, () -> messages.deleteSubscription(subscriptionId));
    }

    @Override
    public List<StoredSubscription> loadSubscriptions() {
        return call(Operation.LOAD_SUBSCRIPTIONS, messages::loadSubscriptions);
    }

    @Override
    public long[] prepare(StoredXid xid, StoreBatch work) {
        return call(Operation.PREPARE, () -> prepared.prepare(xid, work));
    }

    @Override
    public void commitPrepared(StoredXid xid) {
        run(Operation.COMMIT_PREPARED, () -> prepared.commitPrepared(xid));
    }

    @Override
    public void rollbackPrepared(StoredXid xid) {
        run(Operation.ROLLBACK_PREPARED, () -> prepared.rollbackPrepared(xid));
    }

    @Override
    public boolean isPrepared(StoredXid xid) {
        return call(Operation.IS_PREPARED, () -> prepared.isPrepared(xid));
    }

    @Override
    public List<PreparedTransaction> loadPrepared() {
        return call(Operation.LOAD_PREPARED, prepared::loadPrepared);
    }

    /** Closes the real store; never fails on purpose, and lets blocked calls go first. */
    @Override
    public void close() {
        heal();
        messages.close();
    }
}
