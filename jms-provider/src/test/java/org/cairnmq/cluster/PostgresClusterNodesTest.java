package org.cairnmq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import java.util.List;
import java.util.function.Predicate;
import org.cairnmq.engine.Broker;
import org.cairnmq.engine.LeaseControl;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.jms.JmsQueue;
import org.cairnmq.management.NodeView;
import org.cairnmq.testing.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two brokers over one PostgreSQL database: each lists both nodes, itself marked, judged by the database's clock. */
@PostgresTest
class PostgresClusterNodesTest {
    private static final long LEASE_MILLIS = 1_500;
    private final ClusterNodes cluster = new ClusterNodes(LEASE_MILLIS);

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Broker node(String name) {
        return cluster.node(name);
    }

    private static NodeView named(List<NodeView> nodes, String name) {
        return nodes.stream().filter(n -> n.nodeName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No node " + name + " in " + nodes));
    }

    /** Asks {@code asking} until its list matches, for at most ten leases (renewals come every third of one). */
    private static List<NodeView> await(Broker asking, Predicate<List<NodeView>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10 * LEASE_MILLIS * 1_000_000;
        List<NodeView> last = null;
        while (System.nanoTime() - deadline < 0) {
            last = asking.management().nodes();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Not reached in time; last seen " + last);
    }

    @Test
    void eachNodeSeesBothItselfMarkedWithTheOthersConsumers() throws Exception {
        Broker a = node("a");
        Broker b = node("b");
        Connection onB = cluster.kept(new JmsConnectionFactory(b).createConnection());
        onB.createSession().createConsumer(new JmsQueue("orders"));
        onB.createSession().createConsumer(new JmsQueue("orders"));

        List<NodeView> seenByA = await(a, nodes -> nodes.size() == 2 && named(nodes, "b").consumers() == 2);
        assertEquals(List.of("a", "b"), seenByA.stream().map(NodeView::nodeName).toList(), "sorted by name");
        assertTrue(named(seenByA, "a").self() && !named(seenByA, "b").self(), seenByA.toString());
        assertEquals(0, named(seenByA, "a").consumers());
        for (NodeView node : seenByA) {
            assertTrue(node.live() && node.leaseLeftMillis() > 0 && node.leaseLeftMillis() <= LEASE_MILLIS,
                    node.toString());
        }
        assertNotEquals(named(seenByA, "a").instanceId(), named(seenByA, "b").instanceId());

        List<NodeView> seenByB = b.management().nodes();
        assertTrue(named(seenByB, "b").self() && !named(seenByB, "a").self(), seenByB.toString());
        assertEquals(named(seenByA, "b").instanceId(), named(seenByB, "b").instanceId(), "one row, seen by both");
    }

    @Test
    void aNodeWhoseLeaseLapsedIsSeenExpiredByTheOtherUntilItIsTakenOver() throws Exception {
        Broker a = node("a");
        Broker b = node("b");
        await(a, nodes -> nodes.size() == 2);
        LeaseControl.pauseRenewals(b, true);
        // a takes b over soon after its lease runs out: b is either seen expired or gone
        List<NodeView> seen = await(a, nodes -> nodes.stream().noneMatch(n -> n.nodeName().equals("b") && n.live()));
        for (NodeView node : seen) {
            if (node.nodeName().equals("b")) {
                assertEquals(0, node.leaseLeftMillis(), node.toString());
            }
        }
        assertTrue(named(seen, "a").live());
        LeaseControl.pauseRenewals(b, false);
        List<NodeView> back = await(a, nodes -> nodes.size() == 2 && named(nodes, "b").live());
        assertFalse(named(back, "b").self());
    }
}
