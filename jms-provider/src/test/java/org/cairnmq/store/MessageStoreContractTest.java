package org.cairnmq.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do, whatever the database. Each database runs it through a
 * subclass that gives each test an empty database of its own.
 */
public abstract class MessageStoreContractTest {
    private final List<MessageStore> opened = new ArrayList<>();

    /**
     * Opens a store over this test's database: an empty one on the first call, the same one on every
     * later call within the test.
     */
    protected abstract MessageStore openStore();

    private MessageStore store() {
        MessageStore store = openStore();
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(MessageStore::close);
    }

    @Test
    void idsAreGivenInInsertOrderAndKeepGrowingAcrossCommits() {
        MessageStore store = store();

        long[] first = store.commit(batchOf(message("q", "a"), message("q", "b"), message("q", "c")));
        long[] second = store.commit(batchOf(message("q", "d"), message("q", "e")));

        assertEquals(3, first.length);
        assertEquals(2, second.length);
        assertStrictlyIncreasing(LongStream.concat(Arrays.stream(first), Arrays.stream(second)).toArray());
        assertTrue(first[0] > 0, "ids are positive: " + first[0]);
    }

    @Test
    void loadAllReturnsEveryMessageInTheOrderItWasWrittenWithItsId() {
        MessageStore store = store();
        long[] first = store.commit(batchOf(message("orders", "1"), message("invoices", "2")));
        long[] second = store.commit(batchOf(message("orders", "3")));
        long[] third = store.commit(batchOf(message("invoices", "4"), message("orders", "5")));

        List<StoredMessage> all = store.loadAll();

        assertEquals(List.of("1", "2", "3", "4", "5"), all.stream().map(m -> m.headers().messageId()).toList());
        assertEquals(List.of("orders", "invoices", "orders", "invoices", "orders"),
                all.stream().map(StoredMessage::destination).toList());
        assertArrayEquals(new long[] {first[0], first[1], second[0], third[0], third[1]},
                all.stream().mapToLong(StoredMessage::id).toArray());
    }

    @Test
    void everyFieldRoundTrips() {
        MessageStore store = store();
        StoredHeaders headers = new StoredHeaders("ID:abc-1", 1_700_000_000_123L, "corr-ü", "queue://replies",
                "invoice.v2", 9, 1_700_000_060_000L, 1_700_000_001_000L);
        StoredMessage sent = new StoredMessage(0, "orders.eu", headers, 3, bytes(300, 1), 2, bytes(5_000, 2));

        long id = store.commit(batchOf(sent))[0];
        StoredMessage loaded = single(store.loadAll());

        assertSameMessage(sent.withId(id), loaded);
    }

    @Test
    void nullHeadersPropertiesAndBodyStayNull() {
        MessageStore store = store();
        StoredHeaders headers = new StoredHeaders(null, 42L, null, null, null, 4, 0, 0);
        StoredMessage sent = new StoredMessage(0, "q", headers, 0, null, 0, null);

        long id = store.commit(batchOf(sent))[0];
        StoredMessage loaded = single(store.loadAll());

        assertSameMessage(sent.withId(id), loaded);
        assertNull(loaded.properties());
        assertNull(loaded.body());
    }

    @Test
    void emptyPropertiesAndBodyStayEmpty() {
        MessageStore store = store();
        StoredMessage sent = new StoredMessage(0, "q", headers("empty"), 0, new byte[0], 1, new byte[0]);

        store.commit(batchOf(sent));
        StoredMessage loaded = single(store.loadAll());

        assertArrayEquals(new byte[0], loaded.properties());
        assertArrayEquals(new byte[0], loaded.body());
    }

    @Test
    void largeBodiesAndPropertiesRoundTrip() {
        MessageStore store = store();
        StoredMessage big = new StoredMessage(0, "q", headers("big"), 0, bytes(64 * 1024, 3), 5,
                bytes(1024 * 1024, 4));
        StoredMessage bigger = new StoredMessage(0, "q", headers("bigger"), 0, null, 5, bytes(4 * 1024 * 1024, 5));

        long[] ids = store.commit(batchOf(big, bigger));
        List<StoredMessage> loaded = store.loadAll();

        assertEquals(2, loaded.size());
        assertSameMessage(big.withId(ids[0]), loaded.get(0));
        assertSameMessage(bigger.withId(ids[1]), loaded.get(1));
    }

    @Test
    void insertsAndDeletesOfOneBatchTakeEffectTogether() {
        MessageStore store = store();
        long[] before = store.commit(batchOf(message("q", "acked"), message("q", "kept")));

        long[] ids = store.commit(batchOf(message("q", "new-1"), message("q", "new-2")).delete(before[0]));

        assertEquals(List.of("kept", "new-1", "new-2"), messageIds(store.loadAll()));
        assertEquals(2, ids.length);
    }

    @Test
    void presentIdsNamesTheMessagesThatHaveARow() {
        MessageStore store = store();
        long[] ids = store.commit(batchOf(message("q", "a"), message("q", "b"), message("q", "c")));
        store.commit(new StoreBatch().delete(ids[1]));

        assertEquals(Set.of(ids[0], ids[2]), store.presentIds(List.of(ids[0], ids[1], ids[2], ids[2] + 1_000)));
        assertEquals(Set.of(), store.presentIds(List.of()));
    }

    @Test
    void batchOfOnlyDeletesReturnsNoIds() {
        MessageStore store = store();
        long[] ids = store.commit(batchOf(message("q", "a"), message("q", "b"), message("q", "c")));

        long[] none = store.commit(new StoreBatch().delete(ids[0]).delete(ids[2]));

        assertEquals(0, none.length);
        assertEquals(List.of("b"), messageIds(store.loadAll()));
    }

    @Test
    void failedBatchWritesNothingAndTheStoreGoesOn() {
        MessageStore store = store();
        long[] before = store.commit(batchOf(message("q", "first"), message("q", "second")));
        StoredMessage refused = message("x".repeat(300), "refused"); // longer than the destination column

        StoreBatch batch = batchOf(message("q", "not-written-1"))
                .delete(before[0])
                .insert(message("q", "not-written-2"))
                .insert(refused);
        assertThrows(StoreException.class, () -> store.commit(batch));

        assertEquals(List.of("first", "second"), messageIds(store.loadAll()));
        long[] after = store.commit(batchOf(message("q", "third")).delete(before[0]));
        assertEquals(List.of("second", "third"), messageIds(store.loadAll()));
        assertTrue(after[0] > before[1]);
    }

    @Test
    void committedMessagesOutliveTheStoreAndIdsAreNotReused() {
        MessageStore store = store();
        long[] ids = store.commit(batchOf(message("q", "a"), message("q", "b")));
        store.commit(new StoreBatch().delete(ids[0]));
        store.close();

        MessageStore reopened = store();
        assertEquals(List.of("b"), messageIds(reopened.loadAll()));
        long[] later = reopened.commit(batchOf(message("q", "c")));

        assertTrue(later[0] > ids[1], later[0] + " after " + ids[1]);
        assertEquals(List.of("b", "c"), messageIds(reopened.loadAll()));
    }

    @Test
    void storesOverOneDatabaseNeverGiveTheSameId() {
        MessageStore one = store();
        MessageStore other = store();
        Set<Long> ids = new HashSet<>();

        for (int i = 0; i < 150; i++) {
            for (long id : one.commit(batchOf(message("q", "one-" + i)))) {
                assertTrue(ids.add(id), "id " + id + " given twice");
            }
            for (long id : other.commit(batchOf(message("q", "other-" + i)))) {
                assertTrue(ids.add(id), "id " + id + " given twice");
            }
        }
        assertEquals(300, one.loadAll().size());
    }

    @Test
    void concurrentCommitsFromSeveralThreadsAreEachAtomic() throws Exception {
        MessageStore store = store();
        int threads = 8;
        int rounds = 40;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                Callable<List<Long>> work = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<Long> kept = new ArrayList<>();
                    long previous = 0;
                    for (int r = 0; r < rounds; r++) {
                        // Each round keeps one new message and acknowledges the other of the round before.
                        StoreBatch batch = batchOf(message(name, name + "-keep-" + r), message(name, name + "-ack-" + r));
                        if (previous != 0) {
                            batch.delete(previous);
                        }
                        long[] ids = store.commit(batch);
                        assertTrue(ids[0] < ids[1]);
                        kept.add(ids[0]);
                        previous = ids[1];
                    }
                    return kept;
                };
                results.add(pool.submit(work));
            }
            Set<Long> expected = new HashSet<>();
            for (Future<List<Long>> result : results) {
                List<Long> kept = result.get(2, TimeUnit.MINUTES);
                assertStrictlyIncreasing(kept.stream().mapToLong(Long::longValue).toArray());
                expected.addAll(kept);
            }
            List<StoredMessage> all = store.loadAll();

            assertEquals(threads * rounds, expected.size(), "ids given to two threads");
            // Each thread's last unacknowledged "ack" message is still there.
            assertEquals(threads * (rounds + 1), all.size());
            Set<Long> loaded = new HashSet<>();
            all.forEach(m -> loaded.add(m.id()));
            assertTrue(loaded.containsAll(expected));
            assertStrictlyIncreasing(all.stream().mapToLong(StoredMessage::id).toArray());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyBatchIsAccepted() {
        MessageStore store = store();
        assertEquals(0, store.commit(new StoreBatch()).length);
        assertTrue(store.loadAll().isEmpty());
    }

    // ---- helpers

    private static StoreBatch batchOf(StoredMessage... messages) {
        StoreBatch batch = new StoreBatch();
        for (StoredMessage m : messages) {
            batch.insert(m);
        }
        return batch;
    }

    private static StoredMessage message(String destination, String messageId) {
        return new StoredMessage(0, destination, headers(messageId), 0, bytes(10, messageId.hashCode()), 1,
                bytes(20, messageId.hashCode() + 1));
    }

    @Test
    void deliveryAttemptsAreRecorded() {
        MessageStore store = store();
        long id = store.commit(batchOf(message("q", "failing")))[0];
        store.commit(new StoreBatch().deliveryCount(id, 3));
        assertEquals(3, store.loadAll().get(0).deliveryCount());
    }

    @Test
    void claimsTakeUnclaimedMessagesOnceInDeliveryOrder() {
        MessageStore store = store();
        long now = 1_000_000;
        store.joinAsNode("a", 60_000);
        StoredQueue queue = new StoredQueue("q", 0);
        store.commit(new StoreBatch()
                .insertUnclaimed(withPriority(message("q", "low-1"), 4))
                .insertUnclaimed(withPriority(message("q", "urgent"), 9))
                .insertUnclaimed(withPriority(message("q", "low-2"), 4))
                .insert(message("q", "held-in-memory")));
        assertEquals(3, store.countUnclaimed(queue));
        assertEquals(List.of("urgent", "low-1"), messageIds(store.peek(queue, 2, now)));
        assertEquals(3, store.countUnclaimed(queue), "peeking claims nothing");

        assertEquals(List.of("urgent", "low-1"), messageIds(store.claim(queue, 2, now)));
        assertEquals(List.of("low-2"), messageIds(store.claim(queue, 2, now)));
        assertEquals(List.of(), store.claim(queue, 2, now));
        assertEquals(0, store.countUnclaimed(queue));
        assertEquals(List.of(queue), store.queuesWithMessages());
    }

    @Test
    void anotherInstanceTakesOverOnlyOnceTheLeaseRunsOutByTheDatabaseClock() throws InterruptedException {
        long now = 1_000_000;
        MessageStore first = store();
        first.joinAsNode("a", 30_000);
        long held = first.commit(batchOf(message("q", "held")))[0];
        MessageStore second = store();
        second.joinAsNode("b", 30_000);
        StoredQueue queue = new StoredQueue("q", 0);

        assertEquals(List.of(), second.claim(queue, 10, now));
        assertEquals(List.of(), second.takeOverExpired());
        assertTrue(first.renewLease(300, 2), "a's own row is there to renew");
        assertEquals(List.of(), second.takeOverExpired(), "renewed: the lease runs");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<StoredQueue> taken = List.of();
        while (taken.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            taken = second.takeOverExpired();
        }
        assertEquals(List.of(queue), taken, "taken over once the 300 ms lease ran out");
        assertFalse(first.renewLease(30_000, 2), "a finds its lease lost");
        assertEquals(List.of("held"), messageIds(second.claim(queue, 10, now)));
        if (first.shared()) {
            StoreException refused = assertThrows(StoreException.class,
                    () -> first.commit(new StoreBatch().delete(held)), "a cannot acknowledge what b holds now");
            assertTrue(refused.isClaimsLost(), refused.toString());
            assertFalse(refused.isUnavailable(), "a refusal, not an outage");
        }
    }

    @Test
    void theNodesAreListedWithTheirConsumersAndWhatTheyHold() {
        MessageStore store = store();
        store.joinAsNode("a", 30_000);
        store.commit(batchOf(message("q", "held")));
        assertTrue(store.renewLease(30_000, 3));
        List<org.cairnmq.store.StoredNode> nodes = store.nodes();
        assertEquals(1, nodes.size(), nodes.toString());
        org.cairnmq.store.StoredNode a = nodes.get(0);
        assertEquals("a", a.nodeName());
        assertEquals(3, a.consumers());
        assertTrue(a.leaseUntil() > a.renewedAt() && a.renewedAt() > 0, a.toString());
        assertTrue(a.live() && a.readAt() >= a.renewedAt() && a.leaseLeftMillis() > 0, "read by the database's clock: " + a);
        assertTrue(store.renewLease(30_000, -1));
        assertEquals(3, store.nodes().get(0).consumers(), "-1 keeps the count");
        if (store.shared()) {
            assertEquals(1, a.inFlight(), "the message it holds in its row");
        }
        store.leave();
        org.cairnmq.store.StoredNode left = store.nodes().get(0);
        assertFalse(left.live(), "a node that left: " + left);
        assertEquals(0, left.leaseLeftMillis());
    }

    @Test
    void otherLiveNodesAreCountedAndClaimsGivenUpCanBeTakenByAnyNode() {
        MessageStore first = store();
        first.joinAsNode("a", 30_000);
        assertEquals(0, first.otherNodes());
        long[] ids = first.commit(batchOf(message("q", "kept"), message("q", "also kept")));
        MessageStore second = store();
        second.joinAsNode("b", 30_000);
        assertEquals(1, first.otherNodes());
        assertEquals(1, second.otherNodes());
        StoredQueue queue = new StoredQueue("q", 0);
        assertEquals(0, second.countUnclaimed(queue), "a holds both");

        first.release(List.of(ids[0]));
        assertEquals(List.of("kept"), messageIds(second.claim(queue, 10, System.currentTimeMillis())));
        second.release(List.of(ids[1])); // not b's: nothing changes
        assertEquals(0, second.countUnclaimed(queue));
        second.leave();
        assertEquals(0, first.otherNodes(), "b left");
    }

    @Test
    void anInstanceThatLeftIsTakenOverAtOnceAndOneUnderTheSameNameTakesOverItsEarlierLife() {
        long now = 1_000_000;
        StoredQueue queue = new StoredQueue("q", 0);
        MessageStore first = store();
        first.joinAsNode("a", 30_000);
        first.commit(batchOf(message("q", "one")));
        first.leave();
        MessageStore other = store();
        other.joinAsNode("b", 30_000);
        assertEquals(List.of(queue), other.takeOverExpired());

        MessageStore restarted = store();
        other.commit(batchOf(message("q", "two")));
        restarted.joinAsNode("b", 30_000);
        assertEquals(List.of("one", "two"), messageIds(restarted.claim(queue, 10, now)));
    }

    private static StoredMessage withPriority(StoredMessage m, int priority) {
        StoredHeaders h = m.headers();
        return new StoredMessage(0, m.destination(), m.subscriptionId(), new StoredHeaders(h.messageId(), h.timestamp(),
                h.correlationId(), h.replyTo(), h.type(), priority, h.expiration(), h.deliveryTime()),
                m.deliveryCount(), m.properties(), m.bodyType(), m.body());
    }

    @Test
    void subscriptionsRoundTripAndKeepTheirMessages() {
        MessageStore store = store();
        StoredSubscription audit = new StoredSubscription(0, "orders", "audit", "reporting", "region = 'eu'", true,
                false);
        long id = store.saveSubscription(audit);
        store.commit(new StoreBatch()
                .insert(new StoredMessage(0, "orders", id, headers("for-sub"), 0, null, 1, bytes(5, 1)))
                .insert(message("orders", "for-queue")));

        assertEquals(List.of(audit.withId(id)), store.loadSubscriptions());
        List<StoredMessage> all = store.loadAll();
        assertEquals(id, all.get(0).subscriptionId(), "subscription of the first row");
        assertEquals(0, all.get(1).subscriptionId(), "a queue's row");
    }

    @Test
    void deletingASubscriptionDeletesItsMessagesOnly() {
        MessageStore store = store();
        long kept = store.saveSubscription(new StoredSubscription(0, "t", "kept", null, null, false, true));
        long dropped = store.saveSubscription(new StoredSubscription(0, "t", "dropped", "c", null, false, false));
        store.commit(new StoreBatch()
                .insert(new StoredMessage(0, "t", kept, headers("k"), 0, null, 1, null))
                .insert(new StoredMessage(0, "t", dropped, headers("d"), 0, null, 1, null)));

        store.deleteSubscription(dropped);

        assertEquals(List.of("kept"), store.loadSubscriptions().stream().map(StoredSubscription::name).toList());
        assertEquals(List.of("k"), messageIds(store.loadAll()));
    }

    private static final StoredXid XID = new StoredXid(4711, new byte[] {1, 2, 3}, new byte[] {9});

    @Test
    void aNodeRecoversItsOwnPreparedBranchesAndNoOtherNodes() {
        MessageStore a = store();
        a.joinAsNode("a", 30_000);
        ((PreparedTransactionStore) a).prepare(XID, new StoreBatch().insert(message("q", "a's")));
        MessageStore b = store();
        b.joinAsNode("b", 30_000);
        assertEquals(List.of(), ((PreparedTransactionStore) b).loadPrepared(), "a's branch: a's to recover");

        MessageStore restarted = store();
        restarted.joinAsNode("a", 30_000);
        assertEquals(XID, single(((PreparedTransactionStore) restarted).loadPrepared()).xid());
    }

    @Test
    void storedMessagesAreCountedWhoeverHoldsThemButNotThoseOfPreparedBranches() {
        MessageStore store = store();
        store.joinAsNode("a", 30_000);
        StoredQueue queue = new StoredQueue("q", 0);
        store.commit(new StoreBatch().insert(message("q", "held")).insertUnclaimed(message("q", "free")));
        ((PreparedTransactionStore) store).prepare(XID, new StoreBatch().insert(message("q", "prepared")));
        assertEquals(2, store.countStored(queue));
        assertEquals(1, store.countUnclaimed(queue));
    }

    @Test
    void preparedSendsStayHiddenUntilCommitAndAcknowledgedMessagesGoAtCommit() {
        MessageStore store = store();
        PreparedTransactionStore xa = (PreparedTransactionStore) store;
        long[] existing = store.commit(new StoreBatch().insert(message("q", "acked-in-tx")));
        xa.prepare(XID, new StoreBatch().insert(message("q", "sent-in-tx")).delete(existing[0]));

        assertEquals(List.of("acked-in-tx"), messageIds(store.loadAll()), "before the outcome");
        PreparedTransaction prepared = single(xa.loadPrepared());
        assertEquals(XID, prepared.xid());
        assertEquals(List.of("sent-in-tx"), messageIds(prepared.sends()));
        assertEquals(List.of(existing[0]), prepared.acknowledged());

        xa.commitPrepared(XID);

        assertEquals(List.of("sent-in-tx"), messageIds(store.loadAll()));
        assertTrue(xa.loadPrepared().isEmpty());
    }

    @Test
    void rollingBackAPreparedBranchDropsItsSendsAndKeepsWhatItAcknowledged() {
        MessageStore store = store();
        PreparedTransactionStore xa = (PreparedTransactionStore) store;
        long[] existing = store.commit(new StoreBatch().insert(message("q", "kept")));
        xa.prepare(XID, new StoreBatch().insert(message("q", "dropped")).delete(existing[0]));

        xa.rollbackPrepared(XID);

        assertEquals(List.of("kept"), messageIds(store.loadAll()));
        assertTrue(xa.loadPrepared().isEmpty());
        assertThrows(StoreException.class, () -> xa.commitPrepared(XID));
    }

    @Test
    void isPreparedTellsWhetherAnOutcomeWasApplied() {
        MessageStore store = store();
        PreparedTransactionStore xa = (PreparedTransactionStore) store;
        StoredXid other = new StoredXid(4711, new byte[] {1, 2, 3}, new byte[] {8});
        assertFalse(xa.isPrepared(XID), "never prepared");
        xa.prepare(XID, new StoreBatch().insert(message("q", "committed")));
        xa.prepare(other, new StoreBatch().insert(message("q", "rolled back")));
        assertTrue(xa.isPrepared(XID));
        assertTrue(xa.isPrepared(other));

        xa.commitPrepared(XID);
        xa.rollbackPrepared(other);

        assertFalse(xa.isPrepared(XID), "committed");
        assertFalse(xa.isPrepared(other), "rolled back");
    }

    private static StoredHeaders headers(String messageId) {
        return new StoredHeaders(messageId, 1_000L, null, null, null, 4, 0, 0);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<String> messageIds(List<StoredMessage> messages) {
        return messages.stream().map(m -> m.headers().messageId()).toList();
    }

    private static <T> T single(List<T> messages) {
        assertEquals(1, messages.size(), "messages in the store");
        return messages.get(0);
    }

    private static void assertSameMessage(StoredMessage expected, StoredMessage actual) {
        assertEquals(expected.id(), actual.id(), "id");
        assertEquals(expected.destination(), actual.destination(), "destination");
        assertEquals(expected.headers(), actual.headers(), "headers");
        assertEquals(expected.deliveryCount(), actual.deliveryCount(), "delivery count");
        assertEquals(expected.bodyType(), actual.bodyType(), "body type");
        assertArrayEquals(expected.properties(), actual.properties(), "properties");
        assertArrayEquals(expected.body(), actual.body(), "body");
    }

    private static void assertStrictlyIncreasing(long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            assertTrue(ids[i - 1] < ids[i], "ids not increasing: " + Arrays.toString(ids));
        }
    }
}
