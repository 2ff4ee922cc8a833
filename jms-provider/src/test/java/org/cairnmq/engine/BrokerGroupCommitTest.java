package org.cairnmq.engine;

import static org.cairnmq.engine.ScriptedStore.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends through {@link Broker#complete} grouped into shared store transactions, over a {@link ScriptedStore}. */
class BrokerGroupCommitTest {
    private static final DestinationAddress QUEUE = DestinationAddress.queue("orders");
    private final ScriptedStore store = new ScriptedStore();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Broker broker;

    @BeforeEach
    void start() {
        broker = Broker.start(store, threads);
    }

    @AfterEach
    void stop() {
        broker.close();
        threads.shutdownNow();
    }

    @Test
    void concurrentSendsShareATransactionAndEachMessageKeepsItsOwnStoreId() throws Exception {
        ScriptedStore.Gate gate = store.hold(1);
        Future<?> a = sendAsync("a");
        gate.awaitEntered();
        Future<?> b = sendAsync("b");
        awaitQueued(1);
        Future<?> c = sendAsync("c");
        awaitQueued(2);

        gate.release();
        a.get(WAIT_SECONDS, TimeUnit.SECONDS);
        b.get(WAIT_SECONDS, TimeUnit.SECONDS);
        c.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(List.of(1, 2), store.commits().stream().map(ScriptedStore.Commit::inserts).toList());
        EngineConsumer consumer = broker.createSession(false, true).createConsumer(QUEUE);
        Set<String> received = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            QueuedMessage message = consumer.receive(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertNotNull(message);
            String id = message.message().headers().messageId();
            assertEquals(id, store.written.get(message.storeId).headers().messageId(),
                    "the message carries another message's store id");
            received.add(id);
        }
        assertEquals(Set.of("a", "b", "c"), received);
    }

    @Test
    void aMessageTheStoreRefusesFailsOnlyItsOwnSend() throws Exception {
        store.refuseMessage("bad");
        ScriptedStore.Gate gate = store.hold(1);
        Future<?> a = sendAsync("a");
        gate.awaitEntered();
        Future<?> bad = sendAsync("bad");
        awaitQueued(1);
        Future<?> good = sendAsync("good");
        awaitQueued(2);

        gate.release();

        a.get(WAIT_SECONDS, TimeUnit.SECONDS);
        good.get(WAIT_SECONDS, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(BrokerException.Kind.RESOURCE, assertInstanceOf(BrokerException.class, e.getCause()).kind());
        assertEquals(2, broker.queueDepth(QUEUE.name()));
    }

    @Test
    void aPersistentSendAfterCloseIsRefusedAsIllegalState() {
        EngineSession session = broker.createSession(false, true);
        broker.close();

        BrokerException refused = assertThrows(BrokerException.class, () -> session.send(QUEUE, message("late")));

        assertEquals(BrokerException.Kind.ILLEGAL_STATE, refused.kind());
        assertEquals(0, store.commits().size());
    }

    private Future<?> sendAsync(String messageId) {
        EngineSession session = broker.createSession(false, true);
        return threads.submit(() -> session.send(QUEUE, message(messageId)));
    }

    private void awaitQueued(int count) throws ReflectiveOperationException {
        GroupCommit writes = groupCommitOf(broker);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (writes.waiting() != count) {
            if (System.nanoTime() > deadline) {
                fail(count + " sends not queued within " + WAIT_SECONDS + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static GroupCommit groupCommitOf(Broker broker) throws ReflectiveOperationException {
        for (Field field : Broker.class.getDeclaredFields()) {
            if (field.getType() == GroupCommit.class) {
                field.setAccessible(true);
                return (GroupCommit) field.get(broker);
            }
        }
        throw new AssertionError("Broker has no GroupCommit");
    }

    private static BrokerMessage message(String messageId) {
        MessageHeaders headers = new MessageHeaders(messageId, 1L, null, null, null, true, 4, 0, 0);
        return new BrokerMessage(headers, Map.of(), BodyType.BYTES, new byte[] {1, 2, 3});
    }
}
