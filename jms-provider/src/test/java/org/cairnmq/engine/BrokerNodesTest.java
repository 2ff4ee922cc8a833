package org.cairnmq.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.jms.JmsQueue;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.NodeView;
import org.cairnmq.store.MessageStore;
import org.cairnmq.testing.FaultSwitchedStore;
import org.cairnmq.testing.PooledJpaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code BrokerManagement.nodes()}: the nodes the store records, judged by the database's clock. */
class BrokerNodesTest {
    private static final long LEASE_MILLIS = 1_500;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
        threads.shutdownNow();
    }

    private Broker start(MessageStore store) {
        broker = Broker.start(store, threads, Clock.systemUTC(),
                BrokerOptions.defaults().withNodeName("alpha").withLeaseMillis(LEASE_MILLIS));
        return broker;
    }

    private static PooledJpaStore h2() {
        return PooledJpaStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** Asks until the one node listed matches, for at most ten leases (renewals come every third of one). */
    private NodeView awaitSelf(Predicate<NodeView> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10 * LEASE_MILLIS * 1_000_000;
        NodeView last = null;
        while (System.nanoTime() - deadline < 0) {
            List<NodeView> nodes = broker.management().nodes();
            assertEquals(1, nodes.size(), nodes.toString());
            last = nodes.get(0);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Not reached in time; last seen " + last);
    }

    @Test
    void theOneNodeIsListedAsItselfLiveWithItsConsumersAfterARenewal() throws Exception {
        start(h2());
        NodeView before = broker.management().nodes().get(0);
        assertEquals("alpha", before.nodeName());
        assertNotNull(before.instanceId());
        assertTrue(before.self(), before.toString());
        assertTrue(before.live(), before.toString());
        assertTrue(before.leaseUntil() > before.renewedAt() && before.renewedAt() > 0, before.toString());
        assertTrue(before.leaseLeftMillis() > 0 && before.leaseLeftMillis() <= LEASE_MILLIS, before.toString());
        assertEquals(0, before.consumers());

        try (Connection connection = new JmsConnectionFactory(broker).createConnection()) {
            Session session = connection.createSession();
            session.createConsumer(new JmsQueue("orders"));
            session.createConsumer(new JmsQueue("invoices"));
            NodeView after = awaitSelf(n -> n.consumers() == 2);
            assertTrue(after.renewedAt() > before.renewedAt(), "counted at a renewal: " + after);
            assertTrue(after.live() && after.self(), after.toString());
            assertEquals(before.instanceId(), after.instanceId(), "the same instance, renewed");
            assertTrue(after.sinceRenewalMillis() >= 0, after.toString());
        }
        awaitSelf(n -> n.consumers() == 0);
    }

    @Test
    void aLapsedLeaseIsListedExpiredByTheDatabaseClock() throws Exception {
        start(h2());
        LeaseControl.pauseRenewals(broker, true);
        NodeView lapsed = awaitSelf(n -> !n.live());
        assertEquals(0, lapsed.leaseLeftMillis(), lapsed.toString());
        assertTrue(lapsed.sinceRenewalMillis() >= LEASE_MILLIS, "judged by the database's clock: " + lapsed);
        LeaseControl.pauseRenewals(broker, false);
        assertTrue(awaitSelf(NodeView::live).self());
    }

    @Test
    void aStoreFailureIsAFailedManagementCall() {
        FaultSwitchedStore store = new FaultSwitchedStore(h2());
        start(store);
        store.failBefore(FaultSwitchedStore.Operation.NODES, 1);
        ManagementException failed = assertThrows(ManagementException.class, () -> broker.management().nodes());
        assertEquals(ManagementException.Kind.FAILED, failed.kind());
        assertEquals(1, broker.management().nodes().size(), "the next call reads the store again");
    }

    @Test
    void aStoreThatRecordsNoNodesListsThisNodeAloneFromWhatItKnows() throws JMSException {
        start(new ScriptedStore());
        try (Connection connection = new JmsConnectionFactory(broker).createConnection()) {
            connection.createSession().createConsumer(new JmsQueue("orders"));
            List<NodeView> nodes = broker.management().nodes();
            assertEquals(1, nodes.size(), nodes.toString());
            NodeView self = nodes.get(0);
            assertEquals("alpha", self.nodeName());
            assertTrue(self.self() && self.live(), self.toString());
            assertNull(self.instanceId());
            assertEquals(-1, self.leaseUntil());
            assertEquals(-1, self.leaseLeftMillis());
            assertEquals(1, self.consumers(), "counted now");
            assertFalse(self.inFlight() < 0);
        }
    }
}
