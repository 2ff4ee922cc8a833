package org.cairnmq.engine;

import static org.cairnmq.engine.ScriptedStore.WAIT_SECONDS;
import static org.cairnmq.engine.ScriptedStore.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommit} over a {@link ScriptedStore}. Grouping is forced, not hoped for: a commit is held in
 * the store at a gate while the other callers queue up, and the test waits (with a deadline) until they
 * have before it opens the gate.
 */
class GroupCommitTest {
    private final ScriptedStore store = new ScriptedStore();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aLoneBatchIsCommittedAtOnceOnTheCallersOwnThread() {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        StoreBatch batch = batch("a", "b");

        long[] ids = group.commit(batch);

        assertOwnIds(batch, ids);
        assertEquals(1, store.commits().size());
        assertSame(Thread.currentThread(), store.commits().get(0).thread());
    }

    @Test
    void batchesQueuedDuringACommitShareTheNextTransaction() throws Exception {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        ScriptedStore.Gate gate = store.hold(1);
        StoreBatch first = batch("a");
        Future<long[]> a = commitAsync(group, first);
        gate.awaitEntered();
        StoreBatch b = batch("b1", "b2");
        StoreBatch c = batch("c1").delete(501).delete(502);
        StoreBatch d = new StoreBatch().delete(503); // an acknowledgement only: no ids
        StoreBatch e = batch("e1", "e2", "e3");
        List<Future<long[]>> queued = List.of(queue(group, b, 1), queue(group, c, 2), queue(group, d, 3),
                queue(group, e, 4));

        gate.release();

        assertOwnIds(first, result(a));
        assertOwnIds(b, result(queued.get(0)));
        assertOwnIds(c, result(queued.get(1)));
        assertArrayEquals(new long[0], result(queued.get(2)));
        assertOwnIds(e, result(queued.get(3)));
        assertEquals(List.of(1, 6), store.commits().stream().map(ScriptedStore.Commit::inserts).toList());
        assertEquals(3, store.commits().get(1).deletes());
        assertEquals(Set.of(501L, 502L, 503L), store.deleted.keySet());
    }

    @Test
    void whenTheSharedTransactionFailsEachBatchIsCommittedAloneAndOnlyTheBadOneFails() throws Exception {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        store.refuseMessage("bad");
        ScriptedStore.Gate gate = store.hold(1);
        Future<long[]> a = commitAsync(group, batch("a"));
        gate.awaitEntered();
        StoreBatch good1 = batch("g1", "g2");
        StoreBatch bad = batch("x", "bad");
        StoreBatch good2 = batch("g3");
        Future<long[]> b = queue(group, good1, 1);
        Future<long[]> c = queue(group, bad, 2);
        Future<long[]> d = queue(group, good2, 3);

        gate.release();

        result(a);
        assertOwnIds(good1, result(b));
        assertOwnIds(good2, result(d));
        StoreException failure = failure(c, StoreException.class);
        assertInstanceOf(StoreException.class, failure.getCause(), "the store's own failure is the cause");
        assertTrue(failure.getMessage().contains("refused row"), failure.getMessage());
        // a alone, the group of three (refused), then each of the three alone.
        assertEquals(List.of(true, false, true, false, true),
                store.commits().stream().map(ScriptedStore.Commit::succeeded).toList());
        assertEquals(List.of(1, 5, 2, 2, 1), store.commits().stream().map(ScriptedStore.Commit::inserts).toList());
        assertTrue(store.written.values().stream().noneMatch(m -> m.headers().messageId().equals("x")),
                "nothing of the bad batch was written");
    }

    @Test
    void aFailedBatchThatWasAloneIsNotTriedAgain() {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        store.refuseMessage("bad");

        assertThrows(StoreException.class, () -> group.commit(batch("bad")));

        assertEquals(1, store.commits().size());
    }

    @Test
    void aGroupTakesNoMoreRowsThanTheBoundAndALargerBatchGoesAloneWhole() throws Exception {
        GroupCommit group = grouping(10, GroupCommit.MAX_BYTES);
        ScriptedStore.Gate gate = store.hold(1);
        Future<long[]> a = commitAsync(group, batch("a"));
        gate.awaitEntered();
        StoreBatch b = batchOfSize("b", 4, 10);
        StoreBatch c = batchOfSize("c", 3, 10).delete(900); // 4 rows too
        StoreBatch d = batchOfSize("d", 4, 10);
        StoreBatch e = batchOfSize("e", 12, 10);
        List<Future<long[]>> queued = List.of(queue(group, b, 1), queue(group, c, 2), queue(group, d, 3),
                queue(group, e, 4));

        gate.release();

        result(a);
        assertOwnIds(b, result(queued.get(0)));
        assertOwnIds(c, result(queued.get(1)));
        assertOwnIds(d, result(queued.get(2)));
        assertOwnIds(e, result(queued.get(3)));
        assertEquals(List.of(1, 7, 4, 12), store.commits().stream().map(ScriptedStore.Commit::inserts).toList());
    }

    @Test
    void aGroupTakesNoMoreBodyBytesThanTheBound() throws Exception {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, 1_000);
        ScriptedStore.Gate gate = store.hold(1);
        Future<long[]> a = commitAsync(group, batch("a"));
        gate.awaitEntered();
        StoreBatch b = batchOfSize("b", 1, 400);
        StoreBatch c = batchOfSize("c", 1, 400);
        StoreBatch d = batchOfSize("d", 1, 400);
        StoreBatch e = batchOfSize("e", 2, 2_000);
        List<Future<long[]>> queued = List.of(queue(group, b, 1), queue(group, c, 2), queue(group, d, 3),
                queue(group, e, 4));

        gate.release();

        result(a);
        for (Future<long[]> f : queued) {
            result(f);
        }
        assertEquals(List.of(1, 2, 1, 2), store.commits().stream().map(ScriptedStore.Commit::inserts).toList());
    }

    @Test
    void closeLetsTheBatchesHandedInCommitThenRefusesNewOnes() throws Exception {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        ScriptedStore.Gate gate = store.hold(1);
        StoreBatch first = batch("a");
        Future<long[]> a = commitAsync(group, first);
        gate.awaitEntered();
        StoreBatch second = batch("b");
        Future<long[]> b = queue(group, second, 1);
        Future<?> closing = callers.submit(() -> group.close());
        awaitTrue(group::isClosed, "close began");

        BrokerException refused = assertThrows(BrokerException.class, () -> group.commit(batch("late")));
        assertEquals(BrokerException.Kind.ILLEGAL_STATE, refused.kind());
        assertFalse(closing.isDone(), "close returned while a commit was under way in the store");

        gate.release();

        closing.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertOwnIds(first, result(a));
        assertOwnIds(second, result(b));
        assertEquals(2, store.commits().size());
    }

    @Test
    void closeThatRunsOutOfTimeFailsTheQueuedBatchesUnwrittenAndLetsTheCommitUnderWayFinish()
            throws Exception {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        ScriptedStore.Gate gate = store.hold(1);
        StoreBatch first = batch("a");
        Future<long[]> a = commitAsync(group, first);
        gate.awaitEntered();
        Future<long[]> b = queue(group, batch("b"), 1);
        Future<long[]> c = queue(group, batch("c"), 2);

        group.close(Duration.ofMillis(50));

        assertEquals(BrokerException.Kind.ILLEGAL_STATE, failure(b, BrokerException.class).kind());
        assertEquals(BrokerException.Kind.ILLEGAL_STATE, failure(c, BrokerException.class).kind());
        gate.release();
        assertOwnIds(first, result(a));
        assertEquals(1, store.commits().size());
        // Nothing is left leading or queued: closing again does not wait.
        callers.submit(() -> group.close(Duration.ofMinutes(1))).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aCallerInterruptedWhileQueuedTakesItsBatchBackUnwrittenAndKeepsTheInterrupt() throws Exception {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        ScriptedStore.Gate gate = store.hold(1);
        Future<long[]> a = commitAsync(group, batch("a"));
        gate.awaitEntered();
        StoreBatch mine = batch("b");
        CompletableFuture<long[]> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.complete(group.commit(mine));
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        }, "interrupted-caller");
        caller.start();
        awaitTrue(() -> group.waiting() == 1, "the caller queued");

        caller.interrupt();

        BrokerException unwritten = failure(outcome, BrokerException.class);
        assertEquals(BrokerException.Kind.RESOURCE, unwritten.kind());
        assertTrue(stillInterrupted.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, group.waiting());
        gate.release();
        result(a);
        assertEquals(1, store.commits().size(), "the withdrawn batch reached the store");
        assertEquals(1, store.written.size());
    }

    @Test
    void aBatchQueuedLongerThanTheQueueWaitFailsUnwrittenAndTheQueueGoesOn() throws Exception {
        GroupCommit group = new GroupCommit(store, true, GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES,
                Duration.ofMillis(200));
        ScriptedStore.Gate gate = store.hold(1);
        Future<long[]> a = commitAsync(group, batch("a"));
        gate.awaitEntered();
        Future<long[]> b = commitAsync(group, batch("b"));

        BrokerException unwritten = failure(b, BrokerException.class);

        assertEquals(BrokerException.Kind.RESOURCE, unwritten.kind());
        gate.release();
        result(a);
        StoreBatch c = batch("c");
        assertOwnIds(c, group.commit(c));
        assertEquals(2, store.written.size(), "only a and c are stored");
    }

    @Test
    void aGroupWhoseCommitFailedAmbiguouslyIsNotStoredTwice() throws Exception {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        ScriptedStore.Gate gate = store.hold(1);
        Future<long[]> a = commitAsync(group, batch("a"));
        gate.awaitEntered();
        StoreBatch b = batch("b1", "b2");
        StoreBatch c = batch("c1");
        List<Future<long[]>> queued = List.of(queue(group, b, 1), queue(group, c, 2));
        store.failAfterCommit(2); // a's commit, then the group of b and c: written, then the driver throws

        gate.release();

        assertInstanceOf(StoreException.class, assertThrows(ExecutionException.class,
                () -> a.get(WAIT_SECONDS, TimeUnit.SECONDS)).getCause(), "a was alone: not tried again");
        assertOwnIds(b, result(queued.get(0)));
        assertOwnIds(c, result(queued.get(1)));
        Set<String> messageIds = new HashSet<>();
        store.written.values().forEach(m -> assertTrue(messageIds.add(m.headers().messageId()),
                "stored twice: " + m.headers().messageId()));
        assertEquals(Set.of("a", "b1", "b2", "c1"), messageIds);
    }

    @Test
    void aGroupWhoseDatabaseDidNotAnswerInTimeFailsWholeAtOnce() throws Exception {
        AtomicLong clock = new AtomicLong();
        GroupCommit group = new GroupCommit(store, true, GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES,
                GroupCommit.QUEUE_WAIT, clock::get);
        // Each commit takes longer than the database may take for the group to be retried batch by batch.
        store.onEachCommit(() -> clock.addAndGet(GroupCommit.RETRY_ALONE_WITHIN.toNanos() + 1));
        ScriptedStore.Gate gate = store.hold(1);
        Future<long[]> a = commitAsync(group, batch("a"));
        gate.awaitEntered();
        List<Future<long[]>> queued = List.of(queue(group, batch("b1", "b2"), 1), queue(group, batch("c1"), 2));
        store.failAfterCommit(2);

        gate.release();

        assertThrows(ExecutionException.class, () -> a.get(WAIT_SECONDS, TimeUnit.SECONDS));
        for (Future<long[]> caller : queued) {
            assertInstanceOf(StoreException.class, assertThrows(ExecutionException.class,
                    () -> caller.get(WAIT_SECONDS, TimeUnit.SECONDS)).getCause());
        }
        assertEquals(List.of(1, 3), store.commits().stream().map(ScriptedStore.Commit::inserts).toList(),
                "a alone, then the group once: no batch tried again on its own");
    }

    @Test
    void theLeadersOwnInterruptDoesNotReachTheStoreAndIsKept() {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        StoreBatch batch = batch("a");

        Thread.currentThread().interrupt();
        long[] ids;
        try {
            ids = group.commit(batch);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt was kept (and is cleared here)");
        }

        assertOwnIds(batch, ids);
        assertFalse(store.commits().get(0).interrupted());
    }

    @Test
    void anErrorFromTheStoreFailsItsCallerAndLeavesGroupCommitWorking() {
        GroupCommit group = grouping(GroupCommit.MAX_ROWS, GroupCommit.MAX_BYTES);
        store.throwOnce(new AssertionError("store bug"));

        StoreException failure = assertThrows(StoreException.class, () -> group.commit(batch("a")));
        assertInstanceOf(AssertionError.class, failure.getCause());

        StoreBatch next = batch("b");
        assertOwnIds(next, group.commit(next));
    }

    @Test
    void theDiagnosticSwitchTurnsGroupingOffSoCommitsRunSideBySide() throws Exception {
        GroupCommit group;
        System.setProperty(GroupCommit.SWITCH_PROPERTY, "false");
        try {
            group = GroupCommit.over(store);
        } finally {
            System.clearProperty(GroupCommit.SWITCH_PROPERTY);
        }
        ScriptedStore.Gate gate = store.hold(2);
        StoreBatch first = batch("a");
        StoreBatch second = batch("b");
        Future<long[]> a = commitAsync(group, first);
        Future<long[]> b = commitAsync(group, second);

        gate.awaitEntered(); // both in the store at once: neither grouped nor queued

        gate.release();
        assertOwnIds(first, result(a));
        assertOwnIds(second, result(b));
        assertEquals(2, store.mostConcurrentCommits());
    }

    @Test
    void manyConcurrentCallersEachGetTheIdsOfTheirOwnMessagesAndCommitsNeverOverlap() throws Exception {
        GroupCommit group = grouping(50, GroupCommit.MAX_BYTES);
        int threads = 8;
        int batchesEach = 300;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(callers.submit(() -> {
                Random random = new Random(thread);
                List<Long> ids = new ArrayList<>();
                start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                for (int n = 0; n < batchesEach; n++) {
                    StoreBatch batch = new StoreBatch();
                    int inserts = random.nextInt(5);
                    for (int i = 0; i < inserts; i++) {
                        batch.insert(message(thread + "-" + n + "-" + i, random.nextInt(100)));
                    }
                    for (int i = inserts == 0 ? 1 : random.nextInt(3); i > 0; i--) {
                        batch.delete(-(thread * 1_000_000L + n * 10L + i));
                    }
                    long[] got = group.commit(batch);
                    assertOwnIds(batch, got);
                    for (long id : got) {
                        ids.add(id);
                    }
                }
                return ids;
            }));
        }

        Set<Long> all = new HashSet<>();
        int total = 0;
        for (Future<List<Long>> f : results) {
            List<Long> ids = f.get(60, TimeUnit.SECONDS);
            total += ids.size();
            all.addAll(ids);
        }

        assertEquals(total, all.size(), "an id was handed to two callers");
        assertEquals(store.written.keySet(), all);
        assertEquals(1, store.mostConcurrentCommits(), "two commits were under way at once");
        assertTrue(store.commits().size() <= threads * batchesEach);
        assertTrue(store.commits().stream().allMatch(c -> c.inserts() + c.deletes() <= 50),
                "a group exceeded the row bound");
    }

    private GroupCommit grouping(int maxRows, long maxBytes) {
        return new GroupCommit(store, true, maxRows, maxBytes);
    }

    private Future<long[]> commitAsync(GroupCommit group, StoreBatch batch) {
        return callers.submit(() -> group.commit(batch));
    }

    /** Commits on another thread and waits until the batch is the {@code position}th in the queue. */
    private Future<long[]> queue(GroupCommit group, StoreBatch batch, int position) {
        Future<long[]> future = commitAsync(group, batch);
        awaitTrue(() -> group.waiting() == position, position + " batches queued");
        return future;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Not reached within " + WAIT_SECONDS + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static long[] result(Future<long[]> future) throws Exception {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome within " + WAIT_SECONDS + " s", e);
        }
    }

    private static <T extends Throwable> T failure(Future<long[]> future, Class<T> type) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(type, e.getCause());
    }

    /** The ids are the ones the store gave exactly this batch's messages, in their order. */
    private void assertOwnIds(StoreBatch batch, long[] ids) {
        assertEquals(batch.inserts().size(), ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertSame(batch.inserts().get(i), store.written.get(ids[i]), "id " + ids[i] + " is another message's");
        }
    }

    private static StoreBatch batch(String... messageIds) {
        StoreBatch batch = new StoreBatch();
        for (String id : messageIds) {
            batch.insert(message(id, 10));
        }
        return batch;
    }

    private static StoreBatch batchOfSize(String prefix, int messages, int bodyBytes) {
        StoreBatch batch = new StoreBatch();
        for (int i = 0; i < messages; i++) {
            StoredMessage m = message(prefix + i, bodyBytes);
            batch.insert(m);
        }
        return batch;
    }
}
