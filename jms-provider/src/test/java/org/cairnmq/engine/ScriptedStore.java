package org.cairnmq.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredSubscription;

/**
 * A {@link MessageStore} in memory for engine tests: it records every commit, can refuse batches that hold
 * a poisoned message, and can hold commits at a {@link Gate} so that a test decides when they end.
 */
final class ScriptedStore implements MessageStore {
    static final long WAIT_SECONDS = 10;

    /** What one call of {@link #commit} was given, and on which thread. */
    record Commit(int inserts, int deletes, boolean succeeded, Thread thread, boolean interrupted) {
    }

    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostActive = new AtomicInteger();
    private final AtomicReference<Gate> gate = new AtomicReference<>();
    private final List<Commit> commits = new CopyOnWriteArrayList<>();
    /** Every message written, by the id it was given. */
    final Map<Long, StoredMessage> written = new ConcurrentHashMap<>();
    final Map<Long, Boolean> deleted = new ConcurrentHashMap<>();
    private volatile Predicate<StoreBatch> refuse = batch -> false;
    private final AtomicInteger ambiguousCommits = new AtomicInteger();
    private volatile Error error;
    private volatile Runnable onCommit = () -> { };

    /** The next {@code count} commits write their batch, then fail as a commit whose outcome is unknown. */
    void failAfterCommit(int count) {
        ambiguousCommits.set(count);
    }

    /** Holds commits until {@link #release()}: the next {@code commits} calls wait in the store. */
    static final class Gate {
        private final CountDownLatch entered;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger left;

        Gate(int commits) {
            this.entered = new CountDownLatch(commits);
            this.left = new AtomicInteger(commits);
        }

        /** Waits, with a deadline, until every held commit is in the store. */
        void awaitEntered() throws InterruptedException {
            assertTrue(entered.await(WAIT_SECONDS, TimeUnit.SECONDS), "commits did not reach the store");
        }

        void release() {
            released.countDown();
        }
    }

    /** The next {@code count} commits wait in the store until the returned gate is released. */
    Gate hold(int count) {
        Gate held = new Gate(count);
        gate.set(held);
        return held;
    }

    /** Batches holding a message with this id (JMSMessageID) fail, as a database would refuse a bad row. */
    void refuseMessage(String messageId) {
        refuse = batch -> batch.inserts().stream().anyMatch(m -> messageId.equals(m.headers().messageId()));
    }

    /** Runs at the start of every commit (a test's clock moves on while the store works). */
    void onEachCommit(Runnable action) {
        onCommit = action;
    }

    /** The next commit throws this error. */
    void throwOnce(Error e) {
        error = e;
    }

    @Override
    public long[] commit(StoreBatch batch) {
        boolean interrupted = Thread.currentThread().isInterrupted();
        int now = active.incrementAndGet();
        mostActive.accumulateAndGet(now, Math::max);
        try {
            onCommit.run();
            waitAtGate();
            Error e = error;
            if (e != null) {
                error = null;
                commits.add(new Commit(batch.inserts().size(), batch.deletes().size(), false,
                        Thread.currentThread(), interrupted));
                throw e;
            }
            // As the JPA store: ids are given at the first attempt and kept by the batch.
            long[] ids = batch.ids();
            if (ids == null) {
                ids = new long[batch.inserts().size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = nextId.getAndIncrement();
                }
                batch.assignIds(ids);
            }
            if (refuse.test(batch)) {
                commits.add(new Commit(batch.inserts().size(), batch.deletes().size(), false,
                        Thread.currentThread(), interrupted));
                // Refused for its content (SQLSTATE class 22): not an outage.
                throw new StoreException("Store transaction failed: refused row",
                        new java.sql.SQLException("value too long", "22001"));
            }
            for (int i = 0; i < ids.length; i++) {
                written.putIfAbsent(ids[i], batch.inserts().get(i)); // a second attempt writes nothing twice
            }
            batch.deletes().forEach(id -> deleted.put(id, true));
            commits.add(new Commit(batch.inserts().size(), batch.deletes().size(), true, Thread.currentThread(),
                    interrupted));
            if (ambiguousCommits.get() > 0 && ambiguousCommits.getAndDecrement() > 0) {
                throw new StoreException("Store transaction failed: connection lost during commit", null);
            }
            return ids;
        } finally {
            active.decrementAndGet();
        }
    }

    private void waitAtGate() {
        Gate held = gate.get();
        if (held == null || held.left.getAndDecrement() <= 0) {
            return;
        }
        held.entered.countDown();
        try {
            if (!held.released.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                fail("the test never released the store");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted at the gate", e);
        }
    }

    /** Every commit so far, in the order they ended. */
    List<Commit> commits() {
        return List.copyOf(commits);
    }

    /** The most commits that were ever under way at once. */
    int mostConcurrentCommits() {
        return mostActive.get();
    }

    @Override
    public List<StoredMessage> loadAll() {
        return List.of();
    }

    @Override
    public void joinAsNode(String nodeName, long leaseMillis) {
    }

    @Override
    public boolean renewLease(long leaseMillis, int consumers) {
        return true;
    }

    @Override
    public void leave() {
    }

    @Override
    public List<org.cairnmq.store.StoredQueue> takeOverExpired() {
        return List.of();
    }

    @Override
    public List<StoredMessage> claim(org.cairnmq.store.StoredQueue queue, int max, long now) {
        return List.of();
    }

    @Override
    public List<StoredMessage> peek(org.cairnmq.store.StoredQueue queue, int max, long now) {
        return List.of();
    }

    @Override
    public List<org.cairnmq.store.ScannedMessage> scan(org.cairnmq.store.StoredQueue queue, long afterId, int limit,
            long now) {
        return List.of();
    }

    @Override
    public List<StoredMessage> claimFree(java.util.Collection<Long> ids) {
        return List.of();
    }

    @Override
    public List<StoredMessage> claimById(java.util.Collection<Long> ids) {
        return List.of();
    }

    @Override
    public java.util.Set<Long> presentIds(java.util.Collection<Long> ids) {
        return ids.stream().filter(id -> written.containsKey(id) && !deleted.containsKey(id))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public long countUnclaimed(org.cairnmq.store.StoredQueue queue) {
        return 0;
    }

    @Override
    public boolean hasUnclaimed(org.cairnmq.store.StoredQueue queue) {
        return false;
    }

    @Override
    public List<org.cairnmq.store.StoredQueue> queuesWithMessages() {
        return List.of();
    }

    @Override
    public long saveSubscription(StoredSubscription subscription) {
        return nextId.getAndIncrement();
    }

    @Override
    public void deleteSubscription(long subscriptionId) {
    }

    @Override
    public List<StoredSubscription> loadSubscriptions() {
        return List.of();
    }

    @Override
    public void close() {
    }

    /** A queue message with this message id and a body of {@code bodyBytes} bytes. */
    static StoredMessage message(String messageId, int bodyBytes) {
        StoredHeaders headers = new StoredHeaders(messageId, 1L, null, null, null, 4, 0, 0);
        return new StoredMessage(0, "q", headers, 0, new byte[0], BodyType.BYTES, new byte[bodyBytes]);
    }
}
