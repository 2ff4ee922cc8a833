package org.cairnmq.store.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.cairnmq.store.MessageStore;
import org.cairnmq.store.ScannedMessage;
import org.cairnmq.store.StoreBatch;
import org.cairnmq.store.StoreException;
import org.cairnmq.store.StoredHeaders;
import org.cairnmq.store.StoredMessage;
import org.cairnmq.store.StoredQueue;
import org.cairnmq.testing.PooledJpaStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page claims on an H2 database only this process reaches are held in memory, not written to the rows, and
 * still hold like row claims: for every store over the database, across late commits, delayed messages,
 * deletions, takeovers and restarts.
 */
class InProcessClaimsTest {
    private static final long NOW = 1_000_000;
    private static final StoredQueue QUEUE = new StoredQueue("q", 0);
    @TempDir
    Path dir;
    private final List<MessageStore> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(MessageStore::close);
    }

    private String url() {
        return "jdbc:h2:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    private MessageStore open(String url, String node) {
        MessageStore store = PooledJpaStore.open(url);
        opened.add(store);
        store.joinAsNode(node, 60_000);
        return store;
    }

    @Test
    void aPageClaimWritesNoRowYetNoOtherStoreOverTheDatabaseTakesItsMessages() throws SQLException {
        MessageStore a = open(url(), "a");
        MessageStore b = open(url(), "b");
        a.commit(unclaimed("one", "two", "three"));

        assertEquals(List.of("one", "two"), ids(a.claim(QUEUE, 2, NOW)));
        assertEquals(0, rowsClaimed(url()), "the claim is in memory");

        assertEquals(1, b.countUnclaimed(QUEUE));
        assertEquals(List.of("three"), ids(b.peek(QUEUE, 10, NOW)));
        List<Long> all = new ArrayList<>();
        List<Boolean> held = new ArrayList<>();
        for (ScannedMessage row : b.scan(QUEUE, 0, 10, NOW)) {
            all.add(row.message().id());
            held.add(row.held());
        }
        assertEquals(List.of(true, true, false), held);
        assertEquals(List.of("three"), ids(b.claimFree(all)), "management takes only what no one holds");
        assertEquals(List.of(), b.claim(QUEUE, 10, NOW));
        assertFalse(b.hasUnclaimed(QUEUE));
        assertFalse(a.hasUnclaimed(QUEUE));
        assertEquals(0, a.countUnclaimed(QUEUE));
    }

    @Test
    void aLateCommitBehindThePagesAlreadyClaimedIsClaimedNext() {
        MessageStore early = open(url(), "a");
        MessageStore late = open(url(), "b");
        // Each store takes ids from the sequence in blocks: the one holding the lower block writes late.
        early.commit(elsewhere());
        late.commit(elsewhere());
        if (early.commit(elsewhere())[0] > late.commit(elsewhere())[0]) {
            MessageStore swap = early;
            early = late;
            late = swap;
        }
        long high = late.commit(unclaimed("high"))[0];
        assertEquals(List.of("high"), ids(late.claim(QUEUE, 10, NOW)));
        long lower = early.commit(unclaimed("lower-id"))[0];
        assertTrue(lower < high, lower + " < " + high);

        assertTrue(late.hasUnclaimed(QUEUE));
        assertEquals(List.of("lower-id"), ids(late.claim(QUEUE, 10, NOW)));
        assertEquals(List.of(), late.claim(QUEUE, 10, NOW));
    }

    @Test
    void aHigherPriorityArrivalWhilePagingComesNext() {
        MessageStore store = open(url(), "a");
        store.commit(unclaimed("low-1", "low-2", "low-3"));
        assertEquals(List.of("low-1"), ids(store.claim(QUEUE, 1, NOW)));
        store.commit(new StoreBatch().insertUnclaimed(message("urgent", 9, 0)));

        assertEquals(List.of("urgent", "low-2"), ids(store.claim(QUEUE, 2, NOW)));
        assertEquals(List.of("low-3"), ids(store.claim(QUEUE, 2, NOW)));
    }

    @Test
    void aDelayedMessageIsClaimedOnceItsTimeHasCome() {
        MessageStore store = open(url(), "a");
        store.commit(new StoreBatch().insertUnclaimed(message("later", 4, NOW + 5_000))
                .insertUnclaimed(message("now-1", 4, 0)).insertUnclaimed(message("now-2", 4, 0)));

        assertEquals(List.of("now-1", "now-2"), ids(store.claim(QUEUE, 10, NOW)));
        assertTrue(store.hasUnclaimed(QUEUE), "the delayed one still waits");
        assertEquals(List.of(), store.claim(QUEUE, 10, NOW + 4_999));
        assertEquals(List.of("later"), ids(store.claim(QUEUE, 10, NOW + 5_000)));
        assertEquals(List.of(), store.claim(QUEUE, 10, NOW + 6_000));
        assertFalse(store.hasUnclaimed(QUEUE));
    }

    @Test
    void anAcknowledgedMessageIsNeverClaimedAgain() {
        MessageStore store = open(url(), "a");
        store.commit(unclaimed("one", "two"));
        List<StoredMessage> page = store.claim(QUEUE, 1, NOW);
        store.commit(new StoreBatch().delete(page.get(0).id()));
        // A takeover of nobody, then a rescan from the start (the join of another node): still gone.
        open(url(), "b");
        assertEquals(List.of("two"), ids(store.claim(QUEUE, 10, NOW)));
        assertEquals(List.of(), store.claim(QUEUE, 10, NOW));
    }

    @Test
    void theClaimsOfAnInstanceThatLeftAreTakenOverAndARestartClaimsAgain() {
        MessageStore a = open(url(), "a");
        MessageStore b = open(url(), "b");
        a.commit(unclaimed("one", "two"));
        assertEquals(List.of("one", "two"), ids(a.claim(QUEUE, 10, NOW)));
        assertEquals(List.of(), b.takeOverExpired());
        a.leave();
        assertEquals(List.of(QUEUE), b.takeOverExpired());
        assertEquals(List.of("one", "two"), ids(b.claim(QUEUE, 10, NOW)));

        // b restarts under its name (its claims were in memory only): they are claimed again.
        MessageStore restarted = open(url(), "b");
        assertEquals(List.of("one", "two"), ids(restarted.claim(QUEUE, 10, NOW)));
    }

    @Test
    void theLastStoreOverTheDatabaseTakesItsClaimsAlong() {
        MessageStore first = open(url(), "a");
        first.commit(unclaimed("one"));
        assertEquals(1, first.claim(QUEUE, 10, NOW).size());
        first.close();
        opened.remove(first);

        MessageStore next = open(url(), "other-node");
        assertEquals(1, next.countUnclaimed(QUEUE));
        assertEquals(List.of("one"), ids(next.claim(QUEUE, 10, NOW)));
    }

    @Test
    void aDatabaseOtherProcessesMayReachKeepsClaimsInRows() throws SQLException {
        String shared = url() + ";AUTO_SERVER=TRUE";
        MessageStore store = open(shared, "a");
        store.commit(unclaimed("one", "two"));
        assertEquals(2, store.claim(QUEUE, 10, NOW).size());
        assertEquals(2, rowsClaimed(shared));
    }

    @Test
    void aSecondNodeIsRefusedOnADatabaseOtherProcessesMayReach() {
        String shared = url() + ";AUTO_SERVER=TRUE";
        open(shared, "a");
        MessageStore other = PooledJpaStore.open(shared);
        opened.add(other);
        org.cairnmq.store.StoreException refused = assertThrows(org.cairnmq.store.StoreException.class,
                () -> other.joinAsNode("b", 60_000));
        assertTrue(refused.getMessage().contains("holds one node only"), refused.getMessage());
        other.joinAsNode("a", 60_000); // the same node again (a restart) is not refused
    }

    @Test
    void concurrentWritersAndTwoClaimersTakeEveryMessageExactlyOnce() throws Exception {
        MessageStore a = open(url(), "a");
        MessageStore b = open(url(), "b");
        int writers = 4;
        int batches = 40;
        java.util.Set<Long> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Long> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            List<java.util.concurrent.Future<?>> writing = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                MessageStore writer = w % 2 == 0 ? a : b; // two stores: two blocks of ids, commits interleave
                int priority = w; // and higher priorities arrive behind the position
                writing.add(threads.submit(() -> {
                    for (int i = 0; i < batches; i++) {
                        StoreBatch batch = new StoreBatch();
                        for (int j = 0; j < 5; j++) {
                            batch.insertUnclaimed(message("m", priority, 0));
                        }
                        for (long id : writer.commit(batch)) {
                            written.add(id);
                        }
                    }
                    return null;
                }));
            }
            java.util.concurrent.atomic.AtomicBoolean writersDone = new java.util.concurrent.atomic.AtomicBoolean();
            List<java.util.concurrent.Future<?>> claiming = new ArrayList<>();
            for (MessageStore claimer : List.of(a, b)) {
                claiming.add(threads.submit(() -> {
                    while (true) {
                        boolean done = writersDone.get();
                        List<StoredMessage> page = claimer.claim(QUEUE, 7, NOW);
                        page.forEach(m -> claimed.add(m.id()));
                        if (done && page.isEmpty() && !claimer.hasUnclaimed(QUEUE)) {
                            return null;
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : writing) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            writersDone.set(true);
            for (java.util.concurrent.Future<?> f : claiming) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(writers * batches * 5, written.size());
        assertEquals(written, new java.util.HashSet<>(claimed), "none left behind");
        assertEquals(written.size(), claimed.size(), "none claimed twice");
    }

    @Test
    void claimsOfAStoreTransactionThatFailedEnd() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url());
        AtomicBoolean failCommits = new AtomicBoolean();
        DataSource failing = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, h2, args);
                    return result instanceof Connection c ? failingOnCommit(c, failCommits) : result;
                });
        JpaMessageStore store = JpaMessageStore.open(failing);
        try {
            store.joinAsNode("a", 60_000);
            store.commit(unclaimed("one", "two"));
            failCommits.set(true);
            assertThrows(StoreException.class,
                    () -> store.claim(QUEUE, 10, NOW));
            failCommits.set(false);

            assertEquals(2, store.countUnclaimed(QUEUE));
            assertEquals(List.of("one", "two"), ids(store.claim(QUEUE, 10, NOW)));
        } finally {
            store.close();
        }
    }

    private static Connection failingOnCommit(Connection c, AtomicBoolean fail) {
        return (Connection) Proxy.newProxyInstance(InProcessClaimsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit") && fail.get()) {
                        throw new SQLException("commit refused by the test");
                    }
                    return invoke(method, c, args);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static long rowsClaimed(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet r = c.createStatement().executeQuery(
                     "select count(*) from cairn_message where claimed_by is not null")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static StoreBatch elsewhere() {
        return new StoreBatch().insert(new StoredMessage(0, "elsewhere", 0, message("x", 4, 0).headers(), 0, null, 0,
                null));
    }

    private static StoreBatch unclaimed(String... messageIds) {
        StoreBatch batch = new StoreBatch();
        for (String id : messageIds) {
            batch.insertUnclaimed(message(id, 4, 0));
        }
        return batch;
    }

    private static StoredMessage message(String messageId, int priority, long deliveryTime) {
        return new StoredMessage(0, "q", 0, new StoredHeaders(messageId, NOW, null, null, null, priority, 0,
                deliveryTime), 0, null, 0, new byte[] {1, 2, 3});
    }

    private static List<String> ids(List<StoredMessage> messages) {
        return messages.stream().map(m -> m.headers().messageId()).toList();
    }
}
